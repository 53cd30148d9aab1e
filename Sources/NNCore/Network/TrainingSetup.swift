/// Everything that determines a run; two equal setups give identical traces.
public struct TrainingSetup: Sendable, Equatable {
    public static let defaultLearningRate = 0.5
    public static let defaultEpochs = 1000
    public static let defaultSeed: UInt32 = 42

    public var dataset: DatasetName
    /// η in W ← W − η·∂L/∂W.
    public var learningRate: Double
    public var epochs: Int
    public var seed: UInt32
    /// `--init w1,w2,b`: explicit starting weights instead of the seeded draw.
    public var initialWeights: Neuron?
    public var mode: TrainingMode
    /// Bugs switched on one by one with `--bug`, on top of those the mode implies.
    public var extraBugs: Set<NotebookBug>
    public var checkGradients: Bool
    /// `--hidden N`: a 2-N-1 network with N sigmoid hidden units; nil is the notebook's single neuron.
    public var hiddenUnits: Int?

    public init(
        dataset: DatasetName = .or,
        learningRate: Double = TrainingSetup.defaultLearningRate,
        epochs: Int = TrainingSetup.defaultEpochs,
        seed: UInt32 = TrainingSetup.defaultSeed,
        initialWeights: Neuron? = nil,
        mode: TrainingMode = .corrected,
        extraBugs: Set<NotebookBug> = [],
        checkGradients: Bool = false,
        hiddenUnits: Int? = nil
    ) {
        self.dataset = dataset
        self.learningRate = learningRate
        self.epochs = epochs
        self.seed = seed
        self.initialWeights = initialWeights
        self.mode = mode
        self.extraBugs = extraBugs
        self.checkGradients = checkGradients
        self.hiddenUnits = hiddenUnits
    }

    /// "one neuron" or "a 2-3-1 network", for titles.
    public var architecture: String {
        hiddenUnits.map { "a 2-\($0)-1 network" } ?? "one neuron"
    }

    /// The bugs in force: the mode's plus any switched on alone.
    public var bugs: Set<NotebookBug> { mode.bugs.union(extraBugs) }

    /// A short label such as "notebook" or "corrected + sign", for status lines.
    public var modeLabel: String {
        if extraBugs.isEmpty || mode == .notebook { return mode.rawValue }
        return mode.rawValue + " + " + extraBugs.sorted().map(\.rawValue).joined(separator: ", ")
    }
}
