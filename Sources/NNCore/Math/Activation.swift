/// A hidden layer's activation a = f(z): its value, its derivative and how a learner reads both,
/// side by side, as micrograd keeps an operation beside its derivative.
///
/// The output unit is always a sigmoid; `--activation` chooses the hidden layers' function.
public enum Activation: String, CaseIterable, Sendable, Hashable {
    case sigmoid
    case tanh
    case relu
    case leakyReLU = "leaky-relu"
    case linear

    /// The slope of leaky ReLU for z ≤ 0.
    public static let leak = 0.01

    /// a = f(z). tanh is libm's; relu keeps z only when it is positive.
    @inline(__always)
    public func callAsFunction(_ z: Double) -> Double {
        switch self {
        case .sigmoid: return NNCore.sigmoid(z)
        case .tanh: return libmTanh(z)
        case .relu: return z > 0 ? z : 0
        case .leakyReLU: return z > 0 ? z : Self.leak * z
        case .linear: return z
        }
    }

    /// ∂a/∂z, from the layer's own z and a = f(z): a(1 − a), 1 − a·a, [z > 0], [z > 0] or 0.01, 1.
    /// Sigmoid and tanh reuse a, so no second exp or tanh is computed.
    @inline(__always)
    public func derivative(z: Double, a: Double) -> Double {
        switch self {
        case .sigmoid: return a * (1 - a)
        case .tanh: return 1 - a * a
        case .relu: return z > 0 ? 1 : 0
        case .leakyReLU: return z > 0 ? 1 : Self.leak
        case .linear: return 1
        }
    }

    /// The notebook's mistake, `sigmoid_deriv(self.y_hat)`, carried to every activation: the
    /// derivative's formula taken at the output a instead of at z: σ(a)(1 − σ(a)), 1 − tanh(a)², …
    @inline(__always)
    public func derivative(misappliedAt a: Double) -> Double {
        switch self {
        case .sigmoid:
            let s = NNCore.sigmoid(a)
            return s * (1 - s)
        case .tanh:
            let t = libmTanh(a)
            return 1 - t * t
        case .relu: return a > 0 ? 1 : 0
        case .leakyReLU: return a > 0 ? 1 : Self.leak
        case .linear: return 1
        }
    }

    /// "σ", "tanh", "ReLU", "leaky ReLU", "linear": the name in an equation, f in a = f(z).
    public var symbol: String {
        switch self {
        case .sigmoid: return "σ"
        case .tanh: return "tanh"
        case .relu: return "ReLU"
        case .leakyReLU: return "leaky ReLU"
        case .linear: return "id"
        }
    }

    /// The word for a setup's description: "a 2-4-1 tanh network".
    public var word: String {
        switch self {
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .relu: return "ReLU"
        case .leakyReLU: return "leaky-ReLU"
        case .linear: return "linear"
        }
    }

    /// ∂a/∂z written in terms of what the layer computed, with `a` and `z` standing for the
    /// layer's own symbols: "a(1 − a)", "1 − a²", "[z > 0]", "[z > 0] or 0.01", "1".
    public func derivativeFormula(a: String, z: String) -> String {
        switch self {
        case .sigmoid: return "\(a)(1 − \(a))"
        case .tanh: return "1 − \(a)²"
        case .relu: return "(\(z) > 0 ? 1 : 0)"
        case .leakyReLU: return "(\(z) > 0 ? 1 : 0.01)"
        case .linear: return "1"
        }
    }

    /// The misapplied derivative's formula at the output, as the notebook writes it: "σ(a)(1 − σ(a))".
    public func misappliedFormula(a: String) -> String {
        switch self {
        case .sigmoid: return "σ(\(a))(1 − σ(\(a)))"
        case .tanh: return "1 − tanh(\(a))²"
        case .relu: return "(\(a) > 0 ? 1 : 0)"
        case .leakyReLU: return "(\(a) > 0 ? 1 : 0.01)"
        case .linear: return "1"
        }
    }

    /// Whether the unit passes no gradient at this z (a ReLU at z ≤ 0): "dead" for the diagram.
    public func isDead(z: Double) -> Bool {
        self == .relu && !(z > 0)
    }

    /// Whether the slope is so flat that almost no gradient passes (|∂a/∂z| < 0.01) for a
    /// squashing function: "saturated" for the diagram.
    public func isSaturated(slope: Double) -> Bool {
        (self == .sigmoid || self == .tanh) && abs(slope) < 0.01
    }

    public static var acceptedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
