/// Runs per-sample gradient descent over a dataset, publishing each step on a bus.
///
/// Training is lazy: a front end calls `runStep()` as the learner steps past what has
/// been computed, and a printer calls it until `isFinished`.
public final class Trainer {
    public let setup: TrainingSetup
    public let draw: NotebookDraw
    public let dataset: Dataset
    public let bus: TraceBus
    /// The weights before the first step.
    public let initialNeuron: Neuron
    /// The current weights.
    public private(set) var neuron: Neuron
    /// The index of the next sample step.
    public private(set) var stepIndex = 0
    /// Losses of the epoch in progress, summed (the notebook's Σ).
    private var epochLossSum = 0.0
    private let bugs: BugSwitches

    public init(setup: TrainingSetup, bus: TraceBus) {
        self.setup = setup
        self.bus = bus
        // The notebook draws X even when another dataset is used, so W and b always
        // come from the same positions of the stream.
        draw = NotebookDraw(seed: setup.seed)
        dataset = Dataset(setup.dataset, notebookX: draw.X)
        initialNeuron = setup.initialWeights ?? Neuron(W: draw.W, b: draw.b)
        neuron = initialNeuron
        bugs = BugSwitches(setup.bugs)
    }

    public var samplesPerEpoch: Int { dataset.count }
    /// Sample steps in the whole run.
    public var totalSteps: Int { setup.epochs.multipliedReportingOverflow(by: dataset.count).partialValue }
    public var isFinished: Bool { stepIndex >= totalSteps }
    /// The epoch the next step belongs to.
    public var epoch: Int { stepIndex / dataset.count }

    /// Runs one sample step, and publishes the epoch's loss when it completes an epoch.
    /// Does nothing once the run is finished.
    public func runStep() {
        guard !isFinished else { return }
        let sampleIndex = stepIndex % dataset.count
        let epoch = stepIndex / dataset.count
        let trace = StepTracer(bus: bus, step: stepIndex, epoch: epoch, sample: sampleIndex)
        epochLossSum += neuron.learn(
            from: dataset.samples[sampleIndex], learningRate: setup.learningRate, bugs: bugs,
            checkGradients: setup.checkGradients, trace: trace)
        if sampleIndex == dataset.count - 1 {
            if bus.isActive {
                bus.publish(TraceEvent(step: stepIndex, epoch: epoch, sample: nil, phase: .epoch, name: .loss, value: .scalar(epochLossSum)))
            }
            epochLossSum = 0
        }
        stepIndex += 1
    }

    /// Runs until the end of the run, or until `shouldStop` says so (checked between steps).
    public func run(while shouldContinue: () -> Bool = { true }) {
        while !isFinished && shouldContinue() {
            runStep()
        }
    }
}
