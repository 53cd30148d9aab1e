/// The network being trained: the notebook's single neuron, or a 2-N-1 network (`--hidden N`).
public enum Network: Sendable, Equatable {
    case neuron(Neuron)
    case hidden(HiddenLayerNetwork)

    /// ŷ for an input.
    public func predict(_ x: SIMD2<Double>) -> Double {
        switch self {
        case .neuron(let n): return sigmoid(n.z(x))
        case .hidden(let h): return h.predict(x)
        }
    }

    public func loss(on sample: Sample) -> Double {
        switch self {
        case .neuron(let n): return n.loss(on: sample)
        case .hidden(let h): return h.loss(on: sample)
        }
    }

    /// Every parameter, flattened (W, b or W1, b1, W2, b2): for "did anything overflow?".
    public var parameters: [Double] {
        switch self {
        case .neuron(let n): return [n.W.x, n.W.y, n.b]
        case .hidden(let h): return h.W1 + h.b1 + h.W2 + [h.b2]
        }
    }

    /// The single neuron, if that is what this is.
    public var neuron: Neuron? {
        if case .neuron(let n) = self { return n }
        return nil
    }
}
