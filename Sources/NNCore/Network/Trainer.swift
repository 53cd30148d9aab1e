/// Runs per-sample gradient descent over a dataset, publishing each step on a bus.
///
/// Training is lazy: a front end calls `runStep()` as the learner steps past what has
/// been computed, and a printer runs it until `isFinished`.
public final class Trainer {
    public let setup: TrainingSetup
    public let draw: NotebookDraw
    public let dataset: Dataset
    public let bus: TraceBus
    /// The weights before the first step.
    public let initialNetwork: Network
    /// Sample steps in the whole run.
    public let totalSteps: Int
    private let bugs: BugSwitches

    /// Everything that changes as training goes, in one value so a batch of steps can run on a
    /// local copy (a class's stored properties pay for retain/release and exclusivity checks).
    /// It is also a checkpoint: a trainer restored to it replays the same steps exactly.
    public struct Progress: Sendable, Equatable {
        var network: Network
        /// The index of the next sample step, and where it falls (counters: no division per step).
        var stepIndex = 0
        var sample = 0
        var epoch = 0
        /// Losses of the epoch in progress, summed (the notebook's Σ).
        var epochLossSum = 0.0
    }
    private var progress: Progress
    /// With an interval set, the progress at every multiple of it, by step index: what a recorder
    /// with a memory bound replays from.
    public var checkpointInterval: Int? {
        didSet { if checkpointInterval != nil && checkpoints.isEmpty { checkpoints[progress.stepIndex] = progress } }
    }
    public private(set) var checkpoints: [Int: Progress] = [:]

    public init(setup: TrainingSetup, bus: TraceBus) {
        self.setup = setup
        self.bus = bus
        // The notebook draws X even when another dataset is used, so W and b always
        // come from the same positions of the stream.
        draw = NotebookDraw(seed: setup.seed)
        dataset = Dataset(setup.dataset, notebookX: draw.X)
        if let units = setup.hiddenUnits {
            initialNetwork = .hidden(HiddenLayerDraw(seed: setup.seed, units: units).network)
        } else {
            initialNetwork = .neuron(setup.initialWeights ?? Neuron(W: draw.W, b: draw.b))
        }
        bugs = BugSwitches(setup.bugs)
        let (steps, overflow) = setup.epochs.multipliedReportingOverflow(by: dataset.count)
        totalSteps = overflow ? .max : steps
        progress = Progress(network: initialNetwork)
    }

    /// The current weights.
    public var network: Network { progress.network }
    /// The index of the next sample step.
    public var stepIndex: Int { progress.stepIndex }
    public var samplesPerEpoch: Int { dataset.count }
    public var isFinished: Bool { progress.stepIndex >= totalSteps }
    /// The epoch the next step belongs to.
    public var epoch: Int { progress.epoch }

    /// Runs one sample step, and publishes the epoch's loss when it completes an epoch.
    /// Does nothing once the run is finished.
    public func runStep() {
        run(steps: 1)
    }

    /// Runs to the end of the run.
    public func run() {
        run(steps: .max)
    }

    /// Runs until the end of the run, or until `shouldContinue` says no. It is asked every 64
    /// steps: often enough that `| head` ends a run at once, rarely enough to cost nothing.
    public func run(while shouldContinue: () -> Bool) {
        while !isFinished && shouldContinue() {
            run(steps: 64)
        }
    }

    /// Runs up to `steps` sample steps. Subscribers see every event as it is computed; the
    /// trainer's own properties catch up when the batch returns.
    public func run(steps: Int) {
        guard let interval = checkpointInterval, interval > 0 else {
            runBatch(steps: steps)
            return
        }
        // Stop at every multiple of the interval to keep a checkpoint there.
        var remaining = steps
        while remaining > 0 && !isFinished {
            let untilNext = interval - progress.stepIndex % interval
            let batch = min(remaining, untilNext)
            runBatch(steps: batch)
            remaining -= batch
            if progress.stepIndex % interval == 0 { checkpoints[progress.stepIndex] = progress }
        }
    }

    /// Puts the trainer back to a checkpoint: the next steps are exactly those that followed it.
    public func restore(_ checkpoint: Progress) {
        progress = checkpoint
    }

    private func runBatch(steps: Int) {
        switch progress.network {
        case .neuron(let neuron):
            var network = neuron
            run(steps: steps) { sample, learningRate, bugs, checkGradients, trace in
                network.learn(from: sample, learningRate: learningRate, bugs: bugs, checkGradients: checkGradients, trace: trace)
            }
            progress.network = .neuron(network)
        case .hidden(let hidden):
            var network = hidden
            run(steps: steps) { sample, learningRate, bugs, checkGradients, trace in
                network.learn(from: sample, learningRate: learningRate, bugs: bugs, checkGradients: checkGradients, trace: trace)
            }
            progress.network = .hidden(network)
        }
    }

    /// The training loop, shared by both networks; `learn` trains on one sample and returns its loss.
    @inline(__always)
    private func run(
        steps: Int, learn: (Sample, Double, BugSwitches, Bool, StepTracer) -> Double
    ) {
        var p = progress
        defer { progress = p }
        let samples = dataset.samples
        let bus = self.bus, bugs = self.bugs, totalSteps = self.totalSteps
        let learningRate = setup.learningRate, checkGradients = setup.checkGradients
        var remaining = steps
        while remaining > 0 && p.stepIndex < totalSteps {
            let trace = StepTracer(bus: bus, step: p.stepIndex, epoch: p.epoch, sample: p.sample)
            p.epochLossSum += learn(samples[p.sample], learningRate, bugs, checkGradients, trace)
            p.sample += 1
            if p.sample == samples.count {
                if bus.isActive {
                    bus.publish(TraceEvent(step: p.stepIndex, epoch: p.epoch, sample: nil, phase: .epoch, name: .loss,
                                           value: .scalar(p.epochLossSum)))
                }
                p.epochLossSum = 0
                p.sample = 0
                p.epoch += 1
            }
            p.stepIndex += 1
            remaining -= 1
        }
    }
}
