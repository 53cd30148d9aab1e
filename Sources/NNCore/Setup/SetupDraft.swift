/// Settings as they are read, before they are checked against each other and become a
/// `TrainingSetup`. Every field left nil takes its default.
public struct SetupDraft: Sendable {
    public var dataset: DatasetChoice?
    public var samples: Int?
    public var noise: Double?
    public var dataSeed: UInt32?
    /// `--data FILE`: the learner's samples, already read, and the path for titles.
    public var dataFile: (path: String, samples: [Sample])?
    public var testPercent: Int?
    public var learningRate: Double?
    public var epochs: Int?
    public var seed: UInt32?
    public var hidden: [Int]?
    public var activation: Activation?
    public var loss: Loss?
    public var batch: BatchSize?
    public var initialParameters: [Double]?
    public var mode: TrainingMode?
    public var bugs: Set<NotebookBug>?
    public var checkGradients: Bool?
    /// Values named twice in one list (`bugs: sign, sign`), for a lesson checker's warning.
    public var duplicates: [String] = []

    public init() {}

    /// A draft that starts from an existing setup (for `--compare`, which changes one setting of a base).
    public init(_ setup: TrainingSetup) {
        switch setup.data {
        case .builtin(let d): dataset = .builtin(d)
        case .generated(let g, let n, let noise, let seed):
            dataset = .generated(g)
            samples = n
            self.noise = noise
            dataSeed = seed
        case .file(let path, let samples): dataFile = (path, samples)
        }
        testPercent = setup.testPercent
        learningRate = setup.learningRate
        epochs = setup.epochs
        seed = setup.seed
        hidden = setup.architecture.hidden
        activation = setup.activation
        loss = setup.loss
        batch = setup.batch
        initialParameters = setup.initialParameters
        mode = setup.mode
        bugs = setup.extraBugs
        checkGradients = setup.checkGradients
    }

    /// The setup, or a sentence saying which settings do not go together. `name` spells a
    /// setting as the caller's user knows it: `--lr` on the command line, `lr` in a lesson.
    public func build(naming name: (String) -> String) -> Result<TrainingSetup, SetupError> {
        func spelled(_ key: String) -> String { name(key) }
        var setup = TrainingSetup()
        let hidden = self.hidden ?? []
        setup.architecture = Architecture(hidden: hidden)
        if let activation {
            if hidden.isEmpty && activation != .sigmoid {
                return .failure(SetupError("\(spelled("activation")) sets the hidden layers' activation, and there is no hidden layer: add \(spelled("hidden")) N (the single neuron's output is always a sigmoid)"))
            }
            setup.activation = activation
        }
        setup.loss = loss ?? .squared
        setup.mode = mode ?? .corrected
        setup.extraBugs = bugs ?? []
        if setup.loss == .crossEntropy && !setup.bugs.isEmpty {
            let which = setup.mode == .notebook ? "\(spelled("mode")) notebook" : "\(spelled("bugs"))"
            return .failure(SetupError("\(which) cannot be used with \(spelled("loss")) cross-entropy: the notebook's mistakes live in its squared-error code (loss_deriv and sigmoid_deriv); use \(spelled("loss")) squared", keys: ["loss", "mode", "bugs"]))
        }
        // The data.
        if let file = dataFile {
            setup.data = .file(path: file.path, samples: file.samples)
        } else {
            switch dataset ?? .builtin(.or) {
            case .builtin(let d):
                for (key, given) in [("samples", samples != nil), ("noise", noise != nil), ("data_seed", dataSeed != nil)] where given {
                    return .failure(SetupError("\(spelled(key)) belongs to the generated data sets (\(GeneratedDataset.allCases.map(\.rawValue).joined(separator: ", "))); \(d.rawValue) is a fixed set of \(d == .notebook ? "1 sample" : "4 samples")", keys: [key, "dataset"]))
                }
                setup.data = .builtin(d)
            case .generated(let g):
                setup.data = .generated(g, samples: samples ?? 100, noise: noise ?? g.defaultNoise, seed: dataSeed ?? 0)
            }
        }
        setup.testPercent = testPercent ?? 0
        setup.learningRate = learningRate ?? TrainingSetup.defaultLearningRate
        setup.epochs = epochs ?? TrainingSetup.defaultEpochs
        setup.seed = seed ?? TrainingSetup.defaultSeed
        setup.batch = batch ?? .one
        setup.checkGradients = checkGradients ?? false
        if let initial = initialParameters {
            let expected = setup.architecture.parameterCount
            guard initial.count == expected else {
                let layout = setup.architecture.isSingleNeuron
                    ? "W[0], W[1], b"
                    : (1...setup.architecture.layerCount).map { l in
                        "W\(l) (\(setup.architecture.units(ofLayer: l))×\(setup.architecture.inputs(ofLayer: l))), b\(l) (\(setup.architecture.units(ofLayer: l)))"
                    }.joined(separator: ", ")
                return .failure(SetupError("\(spelled("init")) has \(initial.count) number\(initial.count == 1 ? "" : "s"), and \(setup.architecture.words) has \(expected) parameters: \(layout), in that order", keys: ["init", "hidden"]))
            }
            setup.initialParameters = initial
        }
        return .success(setup)
    }
}

/// Why settings do not go together, in one sentence.
public struct SetupError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The settings involved, by key, so a lesson can point at the line of the last one.
    public var keys: [String]
    public init(_ message: String, keys: [String] = []) {
        self.message = message
        self.keys = keys
    }
    public var description: String { message }
}
