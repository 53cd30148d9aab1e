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
            Kernels.weightedSums(W, input, b, into: r + s.z, units: s.units, inputs: s.inputs)
            for i in 0..<s.units { r[s.a &+ i] = s.activation(r[s.z &+ i]) }
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
                Kernels.transposedSums(r + above.W, r + above.delta, into: r + s.dLossDA, rows: above.units, columns: s.units)
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
            let input = r + s.input
            for i in 0..<s.units {
                let delta = r[s.delta &+ i]
                let row = r + (s.dW &+ i &* s.inputs)
                for j in 0..<s.inputs { row[j] = delta * input[j] }
                r[s.db &+ i] = delta
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
            let weights = s.units &* s.inputs
            let gW = mean.map { $0 + s.parameterW } ?? UnsafePointer(r + s.dW)
            let gB = mean.map { $0 + s.parameterB } ?? UnsafePointer(r + s.db)
            Kernels.step(p + s.parameterW, gW, learningRate: learningRate, into: r + s.newW, count: weights)
            Kernels.step(p + s.parameterB, gB, learningRate: learningRate, into: r + s.newB, count: s.units)
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

/// The step's two matrix-vector products, each output summed left to right from its first
/// product exactly as the trace promises. Four outputs are summed side by side: their chains of
/// additions are independent, so the processor overlaps them, and no output's order changes.
enum Kernels {
    /// out[i] = W[i][0]·a[0] + W[i][1]·a[1] + … + b[i], W row-major `units` × `inputs`.
    @inline(__always)
    static func weightedSums(_ W: UnsafePointer<Double>, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                             into out: UnsafeMutablePointer<Double>, units: Int, inputs n: Int) {
        var i = 0
        while i &+ 4 <= units {
            let w0 = W + i &* n, w1 = w0 + n, w2 = w1 + n, w3 = w2 + n
            var s0 = w0[0] * a[0], s1 = w1[0] * a[0], s2 = w2[0] * a[0], s3 = w3[0] * a[0]
            var j = 1
            while j < n {
                let aj = a[j]
                s0 += w0[j] * aj
                s1 += w1[j] * aj
                s2 += w2[j] * aj
                s3 += w3[j] * aj
                j &+= 1
            }
            out[i] = s0 + b[i]
            out[i &+ 1] = s1 + b[i &+ 1]
            out[i &+ 2] = s2 + b[i &+ 2]
            out[i &+ 3] = s3 + b[i &+ 3]
            i &+= 4
        }
        while i < units {
            out[i] = weightedSum(W + i &* n, a, n, bias: b[i])
            i &+= 1
        }
    }

    /// out[j] = W[0][j]·d[0] + W[1][j]·d[1] + …: Wᵀd, W row-major `rows` × `columns`.
    @inline(__always)
    static func transposedSums(_ W: UnsafePointer<Double>, _ d: UnsafePointer<Double>,
                               into out: UnsafeMutablePointer<Double>, rows: Int, columns: Int) {
        var j = 0
        while j &+ 4 <= columns {
            var s0 = W[j] * d[0], s1 = W[j &+ 1] * d[0], s2 = W[j &+ 2] * d[0], s3 = W[j &+ 3] * d[0]
            var i = 1
            while i < rows {
                let row = W + (i &* columns &+ j), di = d[i]
                s0 += row[0] * di
                s1 += row[1] * di
                s2 += row[2] * di
                s3 += row[3] * di
                i &+= 1
            }
            out[j] = s0
            out[j &+ 1] = s1
            out[j &+ 2] = s2
            out[j &+ 3] = s3
            j &+= 4
        }
        while j < columns {
            var sum = W[j] * d[0]
            var i = 1
            while i < rows {
                sum += W[i &* columns &+ j] * d[i]
                i &+= 1
            }
            out[j] = sum
            j &+= 1
        }
    }

    /// θ ← θ − η·g over `count` parameters, each new value also written to `out`.
    @inline(__always)
    static func step(_ theta: UnsafeMutablePointer<Double>, _ g: UnsafePointer<Double>, learningRate: Double,
                     into out: UnsafeMutablePointer<Double>, count: Int) {
        var k = 0
        while k < count {
            let value = theta[k] - learningRate * g[k]
            theta[k] = value
            out[k] = value
            k &+= 1
        }
    }
}
