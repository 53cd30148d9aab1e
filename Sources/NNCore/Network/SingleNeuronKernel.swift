/// The notebook's network, one neuron with two inputs, as straight-line code: the same
/// arithmetic in the same order as the generic loops of `StepEngine`, without the loops.
///
/// It exists for speed alone: the step is one dependent chain through `exp`, and the generic
/// loops' layer bookkeeping would add about a third to it. A test runs both on the same steps and
/// compares every number bit for bit.
struct SingleNeuronKernel {
    /// Row offsets of everything the neuron publishes.
    let x, y, W, b, z, yHat, loss, dLossDYHat, slope, delta, dZDW, dW, db, newW, newB: Int
    let lossFunction: Loss
    let bugs: BugSwitches

    init(_ engine: StepEngine) {
        let s = engine.layers[0]
        x = engine.x
        y = engine.y
        W = s.W
        b = s.b
        z = s.z
        yHat = s.a
        loss = engine.loss
        dLossDYHat = engine.dLossDYHat
        slope = s.slope
        delta = s.delta
        dZDW = s.dZDW
        dW = s.dW
        db = s.db
        newW = s.newW
        newB = s.newB
        lossFunction = engine.lossFunction
        bugs = engine.bugs
    }

    /// One sample's forward and backward, and with `update` the step θ ← θ − η·g: z = (w₀x₀ + w₁x₁) + b,
    /// δ = ∂L/∂ŷ · ŷ(1 − ŷ) (or ŷ − y), ∂L/∂W = δ·x, ∂L/∂b = δ, `StepEngine`'s formulas for one unit.
    /// The row is written only when someone reads it. Returns the loss and the gradient.
    @inline(__always)
    func step(_ sample: Sample, parameters p: UnsafeMutablePointer<Double>, row r: UnsafeMutablePointer<Double>,
              publishing: Bool, update: Bool, learningRate: Double) -> Double {
        let x0 = sample.x.x, x1 = sample.x.y, target = sample.y
        let w0 = p[0], w1 = p[1], bias = p[2]
        let zValue = (w0 * x0 + w1 * x1) + bias
        let output = sigmoid(zValue)
        let lossValue = lossFunction.value(y: target, yHat: output)
        let dLossDOutput = lossFunction.derivative(y: target, yHat: output, dropsMinusSign: bugs.dropsMinusSign)
        let slopeValue = bugs.derivativeAtOutput ? Activation.sigmoid.derivative(misappliedAt: output) : output * (1 - output)
        let deltaValue = lossFunction == .crossEntropy ? output - target : dLossDOutput * slopeValue
        let g0 = deltaValue * x0, g1 = deltaValue * x1
        if update {
            p[0] = w0 - learningRate * g0
            p[1] = w1 - learningRate * g1
            p[2] = bias - learningRate * deltaValue
        }
        guard publishing else { return lossValue }
        r[x] = x0
        r[x + 1] = x1
        r[y] = target
        r[W] = w0
        r[W + 1] = w1
        r[b] = bias
        r[z] = zValue
        r[yHat] = output
        r[loss] = lossValue
        r[dLossDYHat] = dLossDOutput
        r[slope] = slopeValue
        r[delta] = deltaValue
        r[dZDW] = x0
        r[dZDW + 1] = x1
        r[dW] = g0
        r[dW + 1] = g1
        r[db] = deltaValue
        if update {
            r[newW] = p[0]
            r[newW + 1] = p[1]
            r[newB] = p[2]
        }
        return lossValue
    }
}
