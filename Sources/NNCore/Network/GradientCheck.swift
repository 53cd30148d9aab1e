/// Central finite differences of the true loss, the independent witness for backprop.
public struct GradientCheck: Sendable {
    /// Step size: small enough for the truncation error (∝ h²), large enough for rounding (∝ ε/h).
    public static let h = 1e-6

    public let neuron: Neuron
    public let sample: Sample

    public init(neuron: Neuron, sample: Sample) {
        self.neuron = neuron
        self.sample = sample
    }

    /// (L(W + h·eᵢ) − L(W − h·eᵢ)) / 2h for each weight.
    public func numericDLossDW() -> SIMD2<Double> {
        var result = SIMD2<Double>(0, 0)
        for i in 0..<2 {
            var plus = neuron, minus = neuron
            plus.W[i] += Self.h
            minus.W[i] -= Self.h
            result[i] = (plus.loss(on: sample) - minus.loss(on: sample)) / (2 * Self.h)
        }
        return result
    }

    /// (L(b + h) − L(b − h)) / 2h.
    public func numericDLossDB() -> Double {
        var plus = neuron, minus = neuron
        plus.b += Self.h
        minus.b -= Self.h
        return (plus.loss(on: sample) - minus.loss(on: sample)) / (2 * Self.h)
    }

    /// |a − n| / max(|a|, |n|), and 0 when both are 0: scale-free, so 1e-7 means "agrees".
    public static func relativeError(_ analytic: Double, _ numeric: Double) -> Double {
        let scale = max(abs(analytic), abs(numeric))
        if scale == 0 { return 0 }
        return abs(analytic - numeric) / scale
    }
}
