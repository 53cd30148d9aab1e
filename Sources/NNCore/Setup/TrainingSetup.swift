/// Everything that determines a run; two equal setups give identical traces.
public struct TrainingSetup: Sendable, Equatable {
    public static let defaultLearningRate = 0.5
    public static let defaultEpochs = 1000
    public static let defaultSeed: UInt32 = 42

    /// Where the samples come from.
    public var data: DataSource
    /// η in W ← W − η·∂L/∂W.
    public var learningRate: Double
    public var epochs: Int
    /// numpy's seed for the starting weights (`np.random.seed`).
    public var seed: UInt32
    public var architecture: Architecture
    /// The hidden layers' activation; the output is always a sigmoid.
    public var activation: Activation
    public var loss: Loss
    public var batch: BatchSize
    /// `--init`: every parameter in draw order (W₁ row by row, b₁, W₂, b₂, …) instead of the draw.
    public var initialParameters: [Double]?
    public var mode: TrainingMode
    /// Bugs switched on one by one with `--bug`, on top of those the mode implies.
    public var extraBugs: Set<NotebookBug>
    public var checkGradients: Bool
    /// `--test-percent`: the last N·P/100 samples are held out and never trained on.
    public var testPercent: Int

    public init(
        data: DataSource = .builtin(.or),
        learningRate: Double = TrainingSetup.defaultLearningRate,
        epochs: Int = TrainingSetup.defaultEpochs,
        seed: UInt32 = TrainingSetup.defaultSeed,
        architecture: Architecture = Architecture(),
        activation: Activation = .sigmoid,
        loss: Loss = .squared,
        batch: BatchSize = .one,
        initialParameters: [Double]? = nil,
        mode: TrainingMode = .corrected,
        extraBugs: Set<NotebookBug> = [],
        checkGradients: Bool = false,
        testPercent: Int = 0
    ) {
        self.data = data
        self.learningRate = learningRate
        self.epochs = epochs
        self.seed = seed
        self.architecture = architecture
        self.activation = activation
        self.loss = loss
        self.batch = batch
        self.initialParameters = initialParameters
        self.mode = mode
        self.extraBugs = extraBugs
        self.checkGradients = checkGradients
        self.testPercent = testPercent
    }

    /// The bugs in force: the mode's plus any switched on alone.
    public var bugs: Set<NotebookBug> { mode.bugs.union(extraBugs) }

    /// A short label such as "notebook" or "corrected + sign", for status lines.
    public var modeLabel: String {
        if extraBugs.isEmpty || mode == .notebook { return mode.rawValue }
        return mode.rawValue + " + " + extraBugs.sorted().map(\.rawValue).joined(separator: ", ")
    }

    /// The setup in words: "one neuron", "a 2-4-4-1 tanh network, cross-entropy, batches of 4".
    public var networkWords: String {
        ([networkNoun] + trainingWords).joined(separator: ", ")
    }

    /// "one neuron", "a 2-4-4-1 tanh network".
    public var networkNoun: String {
        architecture.isSingleNeuron ? "one neuron" : "a \(architecture.dashed) \(activation.word) network"
    }

    /// How it trains, where that differs from the notebook: "cross-entropy", "batches of 4".
    public var trainingWords: [String] {
        var words: [String] = []
        if loss != .squared { words.append(loss.words) }
        switch batch {
        case .one: break
        case .of(let k): words.append("batches of \(k)")
        case .full: words.append("full batch")
        }
        return words
    }
}
