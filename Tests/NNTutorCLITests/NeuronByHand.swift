import Foundation

/// The notebook's neuron worked out by the README's "Arithmetic, exactly", apart from the program:
/// expected values for tests that run the binary.
enum NeuronByHand {
    /// numpy's seed-42 draw (README: W = randn(2), b = randn(1)).
    static let start = [-1.1118801180469204, 0.31890218468938336, 0.2790412922001377]
    static let or: [(x: [Double], y: Double)] = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 1)]
    static let notebook: [(x: [Double], y: Double)] = [([0, 1], 1)]

    struct Step {
        var step: Int, epoch: Int, sample: Int
        /// W[0], W[1], b in force.
        var theta: [Double]
        var z: Double, yHat: Double, loss: Double
        /// ∂L/∂W[0], ∂L/∂W[1], ∂L/∂b.
        var gradient: [Double]
        /// The parameters after the update.
        var updated: [Double]
        /// The epoch's summed loss, on its last sample.
        var epochLoss: Double?
    }

    /// Squared error, one update per sample.
    static func run(_ samples: [(x: [Double], y: Double)], epochs: Int, lr: Double = 0.5, start: [Double] = start) -> [Step] {
        var theta = start, steps: [Step] = []
        for epoch in 0..<epochs {
            var sum = 0.0
            for (i, s) in samples.enumerated() {
                let z = (theta[0] * s.x[0] + theta[1] * s.x[1]) + theta[2]
                let yHat = 1.0 / (1.0 + exp(-z))
                let loss = (s.y - yHat) * (s.y - yHat)
                let delta = (-2 * (s.y - yHat)) * (yHat * (1 - yHat))
                let gradient = [delta * s.x[0], delta * s.x[1], delta]
                let updated = (0..<3).map { theta[$0] - lr * gradient[$0] }
                sum += loss
                steps.append(Step(step: steps.count, epoch: epoch, sample: i, theta: theta, z: z, yHat: yHat, loss: loss,
                                  gradient: gradient, updated: updated, epochLoss: i == samples.count - 1 ? sum : nil))
                theta = updated
            }
        }
        return steps
    }

    /// Four decimals and a true minus sign, as the text trace shows numbers.
    static func four(_ v: Double) -> String {
        String(format: "%.4f", v).replacingOccurrences(of: "-", with: "−")
    }
}
