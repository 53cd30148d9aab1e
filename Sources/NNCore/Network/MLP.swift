/// One fully connected layer: `units` rows of `inputs` weights, a bias per unit, and the
/// activation it applies. The weights live in the network's parameter list, from `weightOffset`.
public struct Dense: Sendable, Hashable {
    public let units: Int
    public let inputs: Int
    public let activation: Activation
    /// Where W (row-major: unit i's weights are a row) starts in the parameter list; b follows it.
    public let weightOffset: Int

    public var weightCount: Int { units * inputs }
    public var biasOffset: Int { weightOffset + weightCount }
    public var parameterCount: Int { weightCount + units }
}

/// The network: Dense layers from the inputs to one sigmoid output, and every parameter in one
/// list in draw order (W₁ row by row, b₁, W₂, b₂, …), the order numpy draws them in.
public struct MLP: Sendable, Equatable {
    public let architecture: Architecture
    public let layers: [Dense]
    public var parameters: [Double]

    /// The widest layer, for scratch space.
    public static let maximumWidth = max(Architecture.inputs, Architecture.maximumUnits)

    public init(architecture: Architecture, activation: Activation, parameters: [Double]) {
        self.architecture = architecture
        self.layers = Self.layers(architecture, activation: activation)
        self.parameters = parameters
    }

    /// The layers of an architecture: hidden ones with `activation`, the output a sigmoid.
    public static func layers(_ architecture: Architecture, activation: Activation) -> [Dense] {
        var layers: [Dense] = []
        var offset = 0
        for l in 1...architecture.layerCount {
            let isOutput = l == architecture.layerCount
            let layer = Dense(units: architecture.units(ofLayer: l), inputs: architecture.inputs(ofLayer: l),
                              activation: isOutput ? .sigmoid : activation, weightOffset: offset)
            layers.append(layer)
            offset += layer.parameterCount
        }
        return layers
    }

    /// Layer `l` (1-based), as the maths numbers them.
    public func layer(_ l: Int) -> Dense { layers[l - 1] }

    /// W_l as rows, for display.
    public func weights(_ l: Int) -> ArraySlice<Double> {
        let layer = layer(l)
        return parameters[layer.weightOffset..<layer.biasOffset]
    }

    public func biases(_ l: Int) -> ArraySlice<Double> {
        let layer = layer(l)
        return parameters[layer.biasOffset..<(layer.biasOffset + layer.units)]
    }

    /// z_L and ŷ = σ(z_L) for an input, summed in the trace's order; no trace.
    public func forward(_ x: SIMD2<Double>) -> (zOut: Double, yHat: Double) {
        parameters.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return (.nan, .nan) }
            return Self.forward(x, layers: layers, parameters: base)
        }
    }

    /// ŷ for an input.
    public func predict(_ x: SIMD2<Double>) -> Double { forward(x).yHat }

    /// The loss of one sample under these parameters: the function the gradient check differentiates.
    public func loss(on sample: Sample, _ loss: Loss) -> Double {
        loss.value(y: sample.y, yHat: predict(sample.x))
    }

    /// The forward pass over a parameter list, in scratch space: no allocation.
    static func forward(_ x: SIMD2<Double>, layers: [Dense], parameters: UnsafePointer<Double>) -> (zOut: Double, yHat: Double) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * maximumWidth) { scratch in
            guard let base = scratch.baseAddress else { return (.nan, .nan) }
            var input = base, output = base + maximumWidth
            input[0] = x.x
            input[1] = x.y
            var zOut = 0.0
            for layer in layers {
                let W = parameters + layer.weightOffset, b = parameters + layer.biasOffset
                for i in 0..<layer.units {
                    let z = weightedSum(W + i * layer.inputs, input, layer.inputs, bias: b[i])
                    output[i] = layer.activation(z)
                    zOut = z
                }
                swap(&input, &output)
            }
            return (zOut, input[0])
        }
    }
}

/// z = w[0]·a[0] + w[1]·a[1] + … + b, summed left to right from the first product, never fused:
/// the order numpy's `np.dot(W, X) + b` gives for the notebook's neuron, and the contract for every layer.
@inline(__always)
func weightedSum(_ w: UnsafePointer<Double>, _ a: UnsafePointer<Double>, _ n: Int, bias: Double) -> Double {
    var z = w[0] * a[0]
    var j = 1
    while j < n {
        z += w[j] * a[j]
        j += 1
    }
    return z + bias
}
