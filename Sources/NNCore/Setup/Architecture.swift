/// The shape of the network: two inputs, hidden layers of 1 to 16 units, one sigmoid output.
///
/// No hidden layer is the notebook's single neuron.
public struct Architecture: Sendable, Hashable {
    public static let inputs = 2
    public static let maximumHiddenLayers = 4
    public static let maximumUnits = 16

    /// Units in each hidden layer, input side first; empty for the single neuron.
    public var hidden: [Int]

    public init(hidden: [Int] = []) {
        self.hidden = hidden
    }

    /// n₀ = 2 inputs, n₁ … n_{L−1} hidden units, n_L = 1 output.
    public var layerSizes: [Int] { [Self.inputs] + hidden + [1] }

    /// L, the number of layers with weights (hidden layers plus the output).
    public var layerCount: Int { hidden.count + 1 }

    public var isSingleNeuron: Bool { hidden.isEmpty }

    /// Units and inputs of layer `l` (1-based).
    public func units(ofLayer l: Int) -> Int { layerSizes[l] }
    public func inputs(ofLayer l: Int) -> Int { layerSizes[l - 1] }

    /// Every weight and bias: Σ n_l·(n_{l−1} + 1).
    public var parameterCount: Int {
        (1...layerCount).reduce(0) { $0 + units(ofLayer: $1) * (inputs(ofLayer: $1) + 1) }
    }

    /// "2-4-4-1".
    public var dashed: String { layerSizes.map(String.init).joined(separator: "-") }

    /// "one neuron", "a 2-4-1 network".
    public var words: String { isSingleNeuron ? "one neuron" : "a \(dashed) network" }
}

/// How many samples each update averages: `--batch 1`, `--batch K` or `--batch full`.
public enum BatchSize: Sendable, Hashable {
    /// The notebook's loop: update after every sample, no mean.
    case one
    /// Mini-batches of K ≥ 2 consecutive samples; an epoch's last batch may be shorter.
    case of(Int)
    /// The whole epoch in one batch.
    case full

    /// The samples in a full batch, for an epoch of `samples`.
    public func size(samples: Int) -> Int {
        switch self {
        case .one: return 1
        case .of(let k): return max(1, min(k, samples))
        case .full: return max(1, samples)
        }
    }

    /// Whether updates average a batch (and so publish the mean gradients).
    public var averages: Bool { self != .one }

    /// "1", "4", "full": as `--batch` takes it.
    public var text: String {
        switch self {
        case .one: return "1"
        case .of(let k): return String(k)
        case .full: return "full"
        }
    }
}
