/// Which of the notebook's bugs a step reproduces, as plain flags for the hot path.
public struct BugSwitches: Sendable, Equatable {
    /// dL/dŷ = 2(y − ŷ) instead of −2(y − ŷ).
    public var dropsMinusSign: Bool
    /// dŷ/dz = σ′(ŷ) instead of σ′(z).
    public var derivativeAtYHat: Bool

    public init(_ bugs: Set<NotebookBug>) {
        dropsMinusSign = bugs.contains(.sign)
        derivativeAtYHat = bugs.contains(.derivAtYHat)
    }
}

/// The notebook's network: one neuron, two inputs, ŷ = σ(W·x + b), loss (y − ŷ)².
public struct Neuron: Sendable, Equatable {
    public var W: SIMD2<Double>
    public var b: Double

    public init(W: SIMD2<Double>, b: Double) {
        self.W = W
        self.b = b
    }

    /// z = W·x + b, summed left to right as `np.dot(W, X) + b` does, never fused.
    @inline(__always)
    public func z(_ x: SIMD2<Double>) -> Double {
        let wx0 = W.x * x.x
        let wx1 = W.y * x.y
        return (wx0 + wx1) + b
    }

    /// The sample's squared error under these weights; the function the gradient check differentiates.
    public func loss(on sample: Sample) -> Double {
        let error = sample.y - sigmoid(z(sample.x))
        return error * error
    }

    /// One step of per-sample gradient descent, publishing every value where it is computed.
    /// Returns the forward-pass loss.
    @inline(__always)
    @discardableResult
    public mutating func learn(
        from sample: Sample, learningRate: Double, bugs: BugSwitches, checkGradients: Bool, trace: StepTracer
    ) -> Double {
        let x = sample.x, y = sample.y

        // Forward pass.
        trace(.forward, .x, x)
        trace(.forward, .y, y)
        trace(.forward, .W, W)
        trace(.forward, .b, b)
        let z = z(x)
        trace(.forward, .z, z)
        let yHat = sigmoid(z)
        trace(.forward, .yHat, yHat)
        let loss = (y - yHat) * (y - yHat)
        trace(.forward, .loss, loss)

        // Backward pass: the chain rule, one factor at a time.
        let dLossDYHat = bugs.dropsMinusSign ? 2 * (y - yHat) : -2 * (y - yHat)
        trace(.backward, .dLossDYHat, dLossDYHat)
        // σ(z) is ŷ, so σ′(z) = ŷ(1 − ŷ) needs no second exp; the notebook's σ′(ŷ) does.
        let dYHatDZ = bugs.derivativeAtYHat ? sigmoidDerivative(at: yHat) : yHat * (1 - yHat)
        trace(.backward, .dYHatDZ, dYHatDZ)
        let dZDW = x
        trace(.backward, .dZDW, dZDW)
        let dLossDW = dLossDYHat * dYHatDZ * dZDW
        trace(.backward, .dLossDW, dLossDW)
        let dLossDB = dLossDYHat * dYHatDZ * 1
        trace(.backward, .dLossDB, dLossDB)
        if checkGradients {
            publishGradientCheck(sample: sample, dLossDW: dLossDW, dLossDB: dLossDB, trace: trace)
        }

        // Update: one step downhill (uphill, if the minus sign was dropped).
        W -= learningRate * dLossDW
        b -= learningRate * dLossDB
        trace(.update, .W, W)
        trace(.update, .b, b)
        return loss
    }

    /// Publishes central finite-difference estimates of dL/dW and dL/db beside the analytic ones.
    private func publishGradientCheck(sample: Sample, dLossDW: SIMD2<Double>, dLossDB: Double, trace: StepTracer) {
        let check = GradientCheck(neuron: self, sample: sample)
        let numericW = check.numericDLossDW()
        let numericB = check.numericDLossDB()
        trace(.backward, .dLossDWNumeric, numericW)
        trace(.backward, .dLossDWRelativeError, SIMD2(
            GradientCheck.relativeError(dLossDW.x, numericW.x),
            GradientCheck.relativeError(dLossDW.y, numericW.y)))
        trace(.backward, .dLossDBNumeric, numericB)
        trace(.backward, .dLossDBRelativeError, GradientCheck.relativeError(dLossDB, numericB))
    }
}
