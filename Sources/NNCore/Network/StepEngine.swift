/// One sample step of any network, computed straight into the trace row: the forward pass, the
/// loss, and backpropagation, each value written at the place the schema gives it.
///
/// The row is both the workspace and what the bus publishes, so publishing costs nothing more
/// than the arithmetic. Every formula and every order of summation is the one the trace promises
/// (README, "The arithmetic").
final class StepEngine {
    /// Row offsets and parameter offsets of one layer; -1 where the schema has no such entry.
    struct LayerSlots {
        var units = 0, inputs = 0
        var activation = Activation.sigmoid
        /// a_{l−1}: x for the first layer.
        var input = 0
        var W = 0, b = 0, z = 0, a = 0
        var slope = 0, delta = 0, dLossDA = -1, dZDW = -1, dW = 0, db = 0
        var numericW = -1, errorW = -1, numericB = -1, errorB = -1
        var meanW = -1, meanB = -1, newW = 0, newB = 0
        /// Where W and b start in the parameter list.
        var parameterW = 0, parameterB = 0
    }

    /// The layers' slots in plain memory: the hot loops read them with no reference counting.
    let layers: UnsafeMutableBufferPointer<LayerSlots>
    let x: Int, y: Int, yHat: Int, loss: Int, dLossDYHat: Int
    /// The forward W₁ … b_L in the row, one block in draw order like the parameter list.
    let parametersInRow: Int
    let parameterCount: Int
    let lossFunction: Loss
    let bugs: BugSwitches
    /// Room the row needs beyond the schema: δ of a single neuron with squared error is computed but not published.
    let rowCapacity: Int

    init(schema: TraceSchema, activation: Activation, bugs: BugSwitches) {
        let architecture = schema.architecture
        let L = architecture.layerCount
        let dense = MLP.layers(architecture, activation: activation)
        func offset(_ q: TraceQuantity, _ l: Int = 0, _ phase: TracePhase? = nil) -> Int {
            schema.entry(q, layer: l, phase: phase)?.offset ?? -1
        }
        var scratch = schema.rowWidth
        var layers: [LayerSlots] = []
        for l in 1...L {
            var s = LayerSlots()
            s.units = dense[l - 1].units
            s.inputs = dense[l - 1].inputs
            s.activation = dense[l - 1].activation
            s.input = l == 1 ? offset(.input) : offset(.activation, l - 1)
            s.W = offset(.weights, l, .forward)
            s.b = offset(.bias, l, .forward)
            s.z = offset(.preActivation, l)
            s.a = l == L ? offset(.output, l) : offset(.activation, l)
            s.slope = offset(.slope, l)
            s.delta = offset(.delta, l)
            if s.delta < 0 {
                s.delta = scratch
                scratch += s.units
            }
            s.dLossDA = offset(.dLossDActivation, l)
            s.dZDW = offset(.dPreActivationDWeights, l)
            s.dW = offset(.dLossDWeights, l)
            s.db = offset(.dLossDBias, l)
            s.numericW = offset(.numericDWeights, l)
            s.errorW = offset(.relativeErrorDWeights, l)
            s.numericB = offset(.numericDBias, l)
            s.errorB = offset(.relativeErrorDBias, l)
            s.meanW = offset(.meanDWeights, l)
            s.meanB = offset(.meanDBias, l)
            s.newW = offset(.weights, l, .update)
            s.newB = offset(.bias, l, .update)
            s.parameterW = dense[l - 1].weightOffset
            s.parameterB = dense[l - 1].biasOffset
            layers.append(s)
        }
        self.layers = .allocate(capacity: layers.count)
        _ = self.layers.initialize(from: layers)
        x = offset(.input)
        y = offset(.target)
        yHat = offset(.output, L)
        loss = offset(.loss)
        dLossDYHat = offset(.dLossDOutput)
        parametersInRow = offset(.weights, 1, .forward)
        parameterCount = architecture.parameterCount
        lossFunction = schema.loss
        self.bugs = bugs
        rowCapacity = scratch
        isSingleNeuron = architecture.isSingleNeuron
    }

    deinit {
        layers.deallocate()
    }

    /// The notebook's neuron takes a straight-line kernel (`SingleNeuronKernel`), bit for bit the same.
    let isSingleNeuron: Bool

    /// The forward pass: x, y and the parameters in force, then z and a layer by layer, ŷ and L.
    /// Returns the loss.
    @inline(__always)
    func forward(_ sample: Sample, parameters: UnsafePointer<Double>, row r: UnsafeMutablePointer<Double>) -> Double {
        r[x] = sample.x.x
        r[x + 1] = sample.x.y
        r[y] = sample.y
        (r + parametersInRow).update(from: parameters, count: parameterCount)
        for s in layers {
            let W = r + s.W, b = r + s.b, input = r + s.input
            for i in 0..<s.units {
                let z = weightedSum(W + i * s.inputs, input, s.inputs, bias: b[i])
                r[s.z + i] = z
                r[s.a + i] = s.activation(z)
            }
        }
        let value = lossFunction.value(y: r[y], yHat: r[yHat])
        r[loss] = value
        return value
    }

    /// Backpropagation: ∂L/∂ŷ, then from the output layer down ∂L/∂a (from the layer above's δ,
    /// with the forward pass's weights), ∂a/∂z, δ, ∂L/∂W = δ·a_{l−1}ᵀ and ∂L/∂b = δ.
    @inline(__always)
    func backward(row r: UnsafeMutablePointer<Double>) {
        let target = r[y], output = r[yHat]
        let dLossDOutput = lossFunction.derivative(y: target, yHat: output, dropsMinusSign: bugs.dropsMinusSign)
        r[dLossDYHat] = dLossDOutput
        var l = layers.count - 1
        while l >= 0 {
            let s = layers[l]
            let isOutput = l == layers.count - 1
            if !isOutput {
                // ∂L/∂a_l[j] = W_{l+1}[0][j]·δ_{l+1}[0] + W_{l+1}[1][j]·δ_{l+1}[1] + …, from the first product.
                let above = layers[l + 1]
                for j in 0..<s.units {
                    var sum = r[above.W + j] * r[above.delta]
                    var i = 1
                    while i < above.units {
                        sum += r[above.W + i * above.inputs + j] * r[above.delta + i]
                        i += 1
                    }
                    r[s.dLossDA + j] = sum
                }
            }
            for i in 0..<s.units {
                let z = r[s.z + i], a = r[s.a + i]
                let slope = bugs.derivativeAtOutput ? s.activation.derivative(misappliedAt: a) : s.activation.derivative(z: z, a: a)
                r[s.slope + i] = slope
                if isOutput {
                    // Cross-entropy's δ in its simplified form: dL/dŷ · ŷ(1 − ŷ) collapses to ŷ − y.
                    r[s.delta + i] = lossFunction == .crossEntropy ? output - target : dLossDOutput * slope
                } else {
                    r[s.delta + i] = r[s.dLossDA + i] * slope
                }
            }
            if s.dZDW >= 0 {
                // The single neuron spells out ∂z/∂W = x, as the notebook does.
                r[s.dZDW] = r[s.input]
                r[s.dZDW + 1] = r[s.input + 1]
            }
            for i in 0..<s.units {
                let delta = r[s.delta + i]
                let row = r + s.dW + i * s.inputs
                for j in 0..<s.inputs { row[j] = delta * r[s.input + j] }
                r[s.db + i] = delta
            }
            l -= 1
        }
    }

    /// θ ← θ − η·g for every parameter, from the gradients at `gradient` (the row's own, or a
    /// batch's mean), then the new values into the row's update records.
    @inline(__always)
    func update(parameters p: UnsafeMutablePointer<Double>, learningRate: Double, row r: UnsafeMutablePointer<Double>,
                mean: UnsafePointer<Double>?) {
        for s in layers {
            let weights = s.units * s.inputs
            for k in 0..<weights {
                let g = mean.map { $0[s.parameterW + k] } ?? r[s.dW + k]
                p[s.parameterW + k] -= learningRate * g
                r[s.newW + k] = p[s.parameterW + k]
            }
            for i in 0..<s.units {
                let g = mean.map { $0[s.parameterB + i] } ?? r[s.db + i]
                p[s.parameterB + i] -= learningRate * g
                r[s.newB + i] = p[s.parameterB + i]
            }
        }
    }

    /// Adds this sample's gradients to a batch's running sum, in sample order (the first copies).
    @inline(__always)
    func accumulate(into sum: UnsafeMutablePointer<Double>, first: Bool, row r: UnsafePointer<Double>) {
        for s in layers {
            for k in 0..<(s.units * s.inputs) {
                sum[s.parameterW + k] = first ? r[s.dW + k] : sum[s.parameterW + k] + r[s.dW + k]
            }
            for i in 0..<s.units {
                sum[s.parameterB + i] = first ? r[s.db + i] : sum[s.parameterB + i] + r[s.db + i]
            }
        }
    }

    /// The batch's mean gradient (g₁ + … + g_k)/k, in place, and into the row's mean records.
    @inline(__always)
    func mean(of sum: UnsafeMutablePointer<Double>, count k: Int, row r: UnsafeMutablePointer<Double>) {
        let n = Double(k)
        for s in layers {
            for k in 0..<(s.units * s.inputs) {
                sum[s.parameterW + k] = sum[s.parameterW + k] / n
                if s.meanW >= 0 { r[s.meanW + k] = sum[s.parameterW + k] }
            }
            for i in 0..<s.units {
                sum[s.parameterB + i] = sum[s.parameterB + i] / n
                if s.meanB >= 0 { r[s.meanB + i] = sum[s.parameterB + i] }
            }
        }
    }
}
