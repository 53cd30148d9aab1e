#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// σ(z) = 1 / (1 + e^(−z)), the notebook's activation.
@inlinable
public func sigmoid(_ z: Double) -> Double {
    1.0 / (1.0 + exp(-z))
}

/// σ′(t) = σ(t)(1 − σ(t)). Where it is evaluated is the point: the notebook passes ŷ, not z.
@inlinable
public func sigmoidDerivative(at t: Double) -> Double {
    let s = sigmoid(t)
    return s * (1.0 - s)
}

/// libm's tanh, by a name that an `Activation.tanh` case cannot shadow.
@inlinable
public func libmTanh(_ x: Double) -> Double {
    tanh(x)
}
