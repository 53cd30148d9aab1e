/// A 2-N-1 network: N sigmoid hidden units, one sigmoid output, squared error.
///
/// Weights are kept as the learner writes them: W1 has one row (w₁, w₂) per hidden unit,
/// stored row-major, b1 one bias per unit, W2 one weight per unit into the output, b2 the
/// output's bias.
public struct HiddenLayerNetwork: Sendable, Equatable {
    public static let maximumUnits = 8

    public var W1: [Double]
    public var b1: [Double]
    public var W2: [Double]
    public var b2: Double

    public init(W1: [Double], b1: [Double], W2: [Double], b2: Double) {
        self.W1 = W1
        self.b1 = b1
        self.W2 = W2
        self.b2 = b2
    }

    /// Hidden units.
    public var units: Int { b1.count }

    /// The forward pass: z₁ = W₁x + b₁, a₁ = σ(z₁), z₂ = W₂·a₁ + b₂, ŷ = σ(z₂).
    public func forward(_ x: SIMD2<Double>) -> (z1: [Double], a1: [Double], z2: Double, yHat: Double) {
        var z1 = [Double](repeating: 0, count: units)
        var a1 = [Double](repeating: 0, count: units)
        var z2 = 0.0
        for i in 0..<units {
            // Row i of W₁x, summed left to right like np.dot, then + b₁[i].
            z1[i] = (W1[2 * i] * x.x + W1[2 * i + 1] * x.y) + b1[i]
            a1[i] = sigmoid(z1[i])
            z2 += W2[i] * a1[i]
        }
        z2 += b2
        return (z1, a1, z2, sigmoid(z2))
    }

    /// ŷ for an input, for the decision boundary.
    public func predict(_ x: SIMD2<Double>) -> Double { forward(x).yHat }

    /// The sample's squared error; what the gradient check differentiates.
    public func loss(on sample: Sample) -> Double {
        let error = sample.y - predict(sample.x)
        return error * error
    }

    /// One step of per-sample gradient descent, publishing every value of every layer where it is
    /// computed. Returns the forward-pass loss.
    @discardableResult
    public mutating func learn(
        from sample: Sample, learningRate: Double, bugs: BugSwitches, checkGradients: Bool, trace: StepTracer
    ) -> Double {
        let x = sample.x, y = sample.y
        let n = units

        // Forward pass, layer by layer.
        trace(.forward, .x, x)
        trace(.forward, .y, y)
        trace(.forward, .W1, matrix: W1, columns: 2)
        trace(.forward, .b1, vector: b1)
        trace(.forward, .W2, vector: W2)
        trace(.forward, .b2, b2)
        let (z1, a1, z2, yHat) = forward(x)
        trace(.forward, .z1, vector: z1)
        trace(.forward, .a1, vector: a1)
        trace(.forward, .z2, z2)
        trace(.forward, .yHat, yHat)
        let loss = (y - yHat) * (y - yHat)
        trace(.forward, .loss, loss)

        // Backward pass: δ₂ at the output, then δ₁ = (W₂ δ₂) ⊙ σ′(z₁) one layer down.
        let dLossDYHat = bugs.dropsMinusSign ? 2 * (y - yHat) : -2 * (y - yHat)
        trace(.backward, .dLossDYHat, dLossDYHat)
        // σ′ at the pre-activation (σ(z) is the activation itself); the notebook's bug takes it at the output.
        let dYHatDZ2 = bugs.derivativeAtYHat ? sigmoidDerivative(at: yHat) : yHat * (1 - yHat)
        let delta2 = dLossDYHat * dYHatDZ2
        trace(.backward, .delta2, delta2)
        let dLossDW2 = a1.map { delta2 * $0 }
        trace(.backward, .dLossDW2, vector: dLossDW2)
        let dLossDB2 = delta2
        trace(.backward, .dLossDB2, dLossDB2)
        var delta1 = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let dA1DZ1 = bugs.derivativeAtYHat ? sigmoidDerivative(at: a1[i]) : a1[i] * (1 - a1[i])
            delta1[i] = (W2[i] * delta2) * dA1DZ1
        }
        trace(.backward, .delta1, vector: delta1)
        var dLossDW1 = [Double](repeating: 0, count: 2 * n)
        for i in 0..<n {
            dLossDW1[2 * i] = delta1[i] * x.x
            dLossDW1[2 * i + 1] = delta1[i] * x.y
        }
        trace(.backward, .dLossDW1, matrix: dLossDW1, columns: 2)
        let dLossDB1 = delta1
        trace(.backward, .dLossDB1, vector: dLossDB1)
        if checkGradients {
            publishGradientCheck(sample: sample, analytic: (dLossDW1, dLossDB1, dLossDW2, dLossDB2), trace: trace)
        }

        // Update every parameter.
        for i in 0..<(2 * n) { W1[i] -= learningRate * dLossDW1[i] }
        for i in 0..<n {
            b1[i] -= learningRate * dLossDB1[i]
            W2[i] -= learningRate * dLossDW2[i]
        }
        b2 -= learningRate * dLossDB2
        trace(.update, .W1, matrix: W1, columns: 2)
        trace(.update, .b1, vector: b1)
        trace(.update, .W2, vector: W2)
        trace(.update, .b2, b2)
        return loss
    }

    /// Central differences for every parameter, next to the analytic gradients, with relative errors.
    private func publishGradientCheck(
        sample: Sample, analytic: (W1: [Double], b1: [Double], W2: [Double], b2: Double), trace: StepTracer
    ) {
        let h = GradientCheck.h
        func numeric(_ nudge: (inout HiddenLayerNetwork, Double) -> Void) -> Double {
            var plus = self, minus = self
            nudge(&plus, h)
            nudge(&minus, -h)
            return (plus.loss(on: sample) - minus.loss(on: sample)) / (2 * h)
        }
        let W1n = (0..<W1.count).map { i in numeric { $0.W1[i] += $1 } }
        let b1n = (0..<units).map { i in numeric { $0.b1[i] += $1 } }
        let W2n = (0..<units).map { i in numeric { $0.W2[i] += $1 } }
        let b2n = numeric { $0.b2 += $1 }
        func errors(_ a: [Double], _ n: [Double]) -> [Double] { zip(a, n).map { GradientCheck.relativeError($0, $1) } }
        trace(.backward, .dLossDW1Numeric, matrix: W1n, columns: 2)
        trace(.backward, .dLossDW1RelativeError, matrix: errors(analytic.W1, W1n), columns: 2)
        trace(.backward, .dLossDB1Numeric, vector: b1n)
        trace(.backward, .dLossDB1RelativeError, vector: errors(analytic.b1, b1n))
        trace(.backward, .dLossDW2Numeric, vector: W2n)
        trace(.backward, .dLossDW2RelativeError, vector: errors(analytic.W2, W2n))
        trace(.backward, .dLossDB2Numeric, b2n)
        trace(.backward, .dLossDB2RelativeError, GradientCheck.relativeError(analytic.b2, b2n))
    }
}
