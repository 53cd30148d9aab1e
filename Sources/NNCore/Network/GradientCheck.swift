/// Central finite differences of the true loss: the independent witness for backpropagation.
///
/// For every parameter θ: h = 10⁻⁶·max(1, |θ|), numeric = (L(θ + h) − L(θ − h)) / 2h, where
/// θ ± h is one rounding and L is the chosen loss of this sample recomputed by a full forward
/// pass (never the notebook's mistakes). Relative error = |a − n| / max(|a|, |n|), 0 when both are 0.
/// h grows with |θ| because a fixed step vanishes beside a large weight (θ + 10⁻⁶ = θ for |θ| ≥ 10¹⁰).
public enum GradientCheck {
    /// The relative step: h = relativeStep·max(1, |θ|).
    public static let relativeStep = 1e-6

    /// The step for a parameter.
    @inline(__always)
    public static func step(for theta: Double) -> Double {
        relativeStep * max(1, abs(theta))
    }

    /// |a − n| / max(|a|, |n|), and 0 when both are 0: scale-free, so 1e-7 means "agrees".
    public static func relativeError(_ analytic: Double, _ numeric: Double) -> Double {
        // "Both are 0", tested as such: a NaN numeric (an infinite loss) must stay NaN, not read as agreement.
        if analytic == 0 && numeric == 0 { return 0 }
        return abs(analytic - numeric) / max(abs(analytic), abs(numeric))
    }

    /// (L(θ + h) − L(θ − h)) / 2h for parameter `k`, on a scratch copy of the parameters.
    static func numeric(_ k: Int, sample: Sample, layers: [Dense], loss: Loss,
                        scratch p: UnsafeMutablePointer<Double>) -> Double {
        let theta = p[k]
        let h = step(for: theta)
        p[k] = theta + h
        let plus = loss.value(y: sample.y, yHat: MLP.forward(sample.x, layers: layers, parameters: p).yHat)
        p[k] = theta - h
        let minus = loss.value(y: sample.y, yHat: MLP.forward(sample.x, layers: layers, parameters: p).yHat)
        p[k] = theta
        return (plus - minus) / (2 * h)
    }
}

extension StepEngine {
    /// Publishes, beside each analytic gradient in the row, its central difference and relative error.
    func checkGradients(_ sample: Sample, layers dense: [Dense], parameters: UnsafePointer<Double>,
                        scratch: UnsafeMutablePointer<Double>, row r: UnsafeMutablePointer<Double>) {
        scratch.update(from: parameters, count: parameterCount)
        for s in layers {
            for k in 0..<(s.units * s.inputs) {
                let n = GradientCheck.numeric(s.parameterW + k, sample: sample, layers: dense, loss: lossFunction, scratch: scratch)
                r[s.numericW + k] = n
                r[s.errorW + k] = GradientCheck.relativeError(r[s.dW + k], n)
            }
            for i in 0..<s.units {
                let n = GradientCheck.numeric(s.parameterB + i, sample: sample, layers: dense, loss: lossFunction, scratch: scratch)
                r[s.numericB + i] = n
                r[s.errorB + i] = GradientCheck.relativeError(r[s.db + i], n)
            }
        }
    }
}
