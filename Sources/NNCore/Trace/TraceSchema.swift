/// The single source of what a setup publishes: every entry's name, phase, shape and place, in
/// publication order. The JSONL and CSV layouts, lesson validation, the recorder and the
/// equations all read it; nothing else keeps a list of names.
///
/// Names depend on the architecture only. The single neuron keeps the notebook's names (`W`,
/// `dyhat_dz`, `dz_dW`); layered networks qualify each by its layer (`W1`, `dadz2`, `dL_da1`).
public final class TraceSchema: Sendable {
    public let architecture: Architecture
    /// The hidden layers' activation: it decides how ∂a/∂z reads, not which names exist.
    public let activation: Activation
    public let loss: Loss
    public let checksGradients: Bool
    public let averagesBatches: Bool
    public let hasTestSet: Bool
    /// Every entry in publication order: the sample group, then the update group, then the epoch group.
    public let entries: [TraceEntry]
    /// The ids of each group's entries.
    public let sampleEntries: Range<Int>
    public let updateEntries: Range<Int>
    public let epochEntries: Range<Int>
    /// Numbers in a full row (every entry at its offset).
    public let rowWidth: Int
    /// Where each group's numbers start in a full row, and how many it holds.
    public let groupOffsets: [Int]
    public let groupWidths: [Int]
    /// Entry ids by (quantity, layer, phase) in one flat table, -1 where there is none: lookups
    /// happen for every equation line a printer writes, so they cost an index, not a hash.
    private let lookup: [Int]
    private let byName: [String: [Int]]

    @inline(__always)
    private static func slot(_ quantity: TraceQuantity, _ layer: Int, _ phase: Int) -> Int {
        (quantity.rawValue * (Architecture.maximumHiddenLayers + 2) + layer) * 4 + phase
    }

    public init(architecture: Architecture, activation: Activation = .sigmoid, loss: Loss = .squared,
                checkGradients: Bool = false, averagesBatches: Bool = false, hasTestSet: Bool = false) {
        self.architecture = architecture
        self.activation = activation
        self.loss = loss
        checksGradients = checkGradients
        self.averagesBatches = averagesBatches
        self.hasTestSet = hasTestSet
        var specs: [(TracePhase, TraceQuantity, Int, TraceGroup)] = []
        let L = architecture.layerCount
        let single = architecture.isSingleNeuron
        func add(_ phase: TracePhase, _ q: TraceQuantity, _ layer: Int = 0, _ group: TraceGroup = .sample) {
            specs.append((phase, q, layer, group))
        }
        // Forward: the inputs and every parameter in draw order, then layer by layer.
        add(.forward, .input)
        add(.forward, .target)
        for l in 1...L {
            add(.forward, .weights, l)
            add(.forward, .bias, l)
        }
        for l in 1...L {
            add(.forward, .preActivation, l)
            add(.forward, l == L ? .output : .activation, l)
        }
        add(.forward, .loss)
        // Backward: ∂L/∂ŷ, then each layer from the output down.
        add(.backward, .dLossDOutput)
        if single {
            add(.backward, .slope, 1)
            if loss == .crossEntropy { add(.backward, .delta, 1) }
            add(.backward, .dPreActivationDWeights, 1)
            add(.backward, .dLossDWeights, 1)
            add(.backward, .dLossDBias, 1)
        } else {
            for l in stride(from: L, through: 1, by: -1) {
                if l < L { add(.backward, .dLossDActivation, l) }
                add(.backward, .slope, l)
                add(.backward, .delta, l)
                add(.backward, .dLossDWeights, l)
                add(.backward, .dLossDBias, l)
            }
        }
        if checkGradients {
            for l in 1...L {
                add(.backward, .numericDWeights, l)
                add(.backward, .relativeErrorDWeights, l)
                add(.backward, .numericDBias, l)
                add(.backward, .relativeErrorDBias, l)
            }
        }
        // Update: a batch's mean gradients from the output layer down, then the new parameters.
        if averagesBatches {
            for l in stride(from: L, through: 1, by: -1) {
                add(.update, .meanDWeights, l, .update)
                add(.update, .meanDBias, l, .update)
            }
        }
        for l in 1...L {
            add(.update, .weights, l, .update)
            add(.update, .bias, l, .update)
        }
        add(.epoch, .epochLoss, 0, .epoch)
        if hasTestSet {
            for q in [TraceQuantity.trainLoss, .testLoss, .trainAccuracy, .testAccuracy] { add(.epoch, q, 0, .epoch) }
        }

        var entries: [TraceEntry] = []
        var offset = 0
        var groupOffsets = [0, 0, 0], groupWidths = [0, 0, 0]
        var lookup = [Int](repeating: -1, count: Self.slot(TraceQuantity.allCases.last!, 0, 0) + (Architecture.maximumHiddenLayers + 2) * 4)
        var byName: [String: [Int]] = [:]
        for (phase, q, layer, group) in specs {
            if groupWidths[group.rawValue] == 0 { groupOffsets[group.rawValue] = offset }
            let shape = Self.shape(q, layer: layer, architecture: architecture)
            let name = Self.name(q, layer: layer, architecture: architecture)
            let entry = TraceEntry(id: entries.count, phase: phase, name: name, quantity: q, layer: layer,
                                   shape: shape, group: group, offset: offset)
            lookup[Self.slot(q, layer, phase.index)] = entry.id
            byName[name, default: []].append(entry.id)
            entries.append(entry)
            offset += shape.count
            groupWidths[group.rawValue] += shape.count
        }
        self.entries = entries
        self.lookup = lookup
        self.byName = byName
        self.groupOffsets = groupOffsets
        self.groupWidths = groupWidths
        rowWidth = offset
        func ids(_ group: TraceGroup) -> Range<Int> {
            let members = entries.filter { $0.group == group }.map(\.id)
            return (members.first ?? entries.count)..<((members.last ?? entries.count - 1) + 1)
        }
        sampleEntries = ids(.sample)
        updateEntries = ids(.update)
        epochEntries = ids(.epoch)
    }

    /// The schema of a setup.
    public convenience init(setup: TrainingSetup) {
        self.init(architecture: setup.architecture, activation: setup.activation, loss: setup.loss, checkGradients: setup.checkGradients,
                  averagesBatches: setup.batch.averages, hasTestSet: setup.testPercent > 0)
    }

    /// The entry for a quantity of a layer in a phase (`phase` nil: its first phase).
    public func entry(_ quantity: TraceQuantity, layer: Int = 0, phase: TracePhase? = nil) -> TraceEntry? {
        guard layer >= 0, layer <= Architecture.maximumHiddenLayers + 1 else { return nil }
        if let phase {
            let id = lookup[Self.slot(quantity, layer, phase.index)]
            return id < 0 ? nil : entries[id]
        }
        for p in 0..<4 {
            let id = lookup[Self.slot(quantity, layer, p)]
            if id >= 0 { return entries[id] }
        }
        return nil
    }

    /// The entries spelled `name`, in publication order (W: forward, then update).
    public func entries(named name: String) -> [TraceEntry] {
        (byName[name] ?? []).map { entries[$0] }
    }

    /// Every distinct name, in order of first publication.
    public var names: [String] {
        var seen = Set<String>()
        return entries.compactMap { seen.insert($0.name).inserted ? $0.name : nil }
    }

    /// The layer count L.
    public var layers: Int { architecture.layerCount }

    /// The network whose parameters are `parameters` (draw order), in this schema's architecture.
    public func network(parameters: [Double]) -> MLP {
        MLP(architecture: architecture, activation: activation, parameters: parameters)
    }

    // MARK: Names and shapes

    /// The one place names are spelled.
    static func name(_ q: TraceQuantity, layer l: Int, architecture: Architecture) -> String {
        let single = architecture.isSingleNeuron
        let n = single ? "" : String(l)
        switch q {
        case .input: return "x"
        case .target: return "y"
        case .weights: return "W" + n
        case .bias: return "b" + n
        case .preActivation: return "z" + n
        case .activation: return "a" + n
        case .output: return "y_hat"
        case .loss, .epochLoss: return "loss"
        case .dLossDOutput: return "dL_dyhat"
        case .slope: return single ? "dyhat_dz" : "dadz" + n
        case .delta: return "delta" + n
        case .dLossDActivation: return "dL_da" + n
        case .dPreActivationDWeights: return "dz_dW"
        case .dLossDWeights: return "dL_dW" + n
        case .dLossDBias: return "dL_db" + n
        case .numericDWeights: return "dL_dW" + n + "_numeric"
        case .relativeErrorDWeights: return "dL_dW" + n + "_rel_error"
        case .numericDBias: return "dL_db" + n + "_numeric"
        case .relativeErrorDBias: return "dL_db" + n + "_rel_error"
        case .meanDWeights: return "mean_dL_dW" + n
        case .meanDBias: return "mean_dL_db" + n
        case .trainLoss: return "train_loss"
        case .testLoss: return "test_loss"
        case .trainAccuracy: return "train_accuracy"
        case .testAccuracy: return "test_accuracy"
        }
    }

    /// A hidden layer publishes W as a matrix and per-unit values as vectors, even with one unit;
    /// the output layer publishes W as one row and its values as scalars.
    static func shape(_ q: TraceQuantity, layer l: Int, architecture: Architecture) -> TraceShape {
        let isOutput = l == architecture.layerCount
        switch q {
        case .input, .dPreActivationDWeights: return .vector(Architecture.inputs)
        case .weights, .dLossDWeights, .numericDWeights, .relativeErrorDWeights, .meanDWeights:
            let units = architecture.units(ofLayer: l), inputs = architecture.inputs(ofLayer: l)
            return isOutput ? .vector(inputs) : .matrix(rows: units, columns: inputs)
        case .bias, .preActivation, .activation, .slope, .delta, .dLossDActivation, .dLossDBias,
             .numericDBias, .relativeErrorDBias, .meanDBias:
            return isOutput ? .scalar : .vector(architecture.units(ofLayer: l))
        case .target, .output, .loss, .dLossDOutput, .epochLoss, .trainLoss, .testLoss, .trainAccuracy, .testAccuracy:
            return .scalar
        }
    }
}
