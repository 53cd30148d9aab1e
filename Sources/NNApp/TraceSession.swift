import NNCore

/// One training run and its recorded history: the walkthrough's source of truth.
///
/// The history is append-only and deterministic, so training more on demand never
/// changes what was already shown: stepping back always shows exactly what was there.
public final class TraceSession {
    public let trainer: Trainer
    public let recorder: TraceRecorder
    public let equations: any EquationSet

    /// Detail kept in memory: 48 blocks of 2048 sample steps (about 25 MB for one neuron). Beyond
    /// that, older blocks are dropped and replayed from a checkpoint when the learner returns.
    public static let stepsPerBlock = 2048
    public static let residentBlocks = 48

    public init(setup: TrainingSetup) {
        let bus = TraceBus()
        let trainer = Trainer(setup: setup, bus: bus)
        self.trainer = trainer
        recorder = TraceRecorder(bound: .replaying(trainer, stepsPerBlock: Self.stepsPerBlock, residentBlocks: Self.residentBlocks))
        bus.attach(recorder)
        equations = makeEquations(for: setup)
        // Record the first step so the screen has something to show from the start.
        if !trainer.isFinished { trainer.runStep() }
    }

    public var setup: TrainingSetup { trainer.setup }

    /// True when every step of the run is recorded.
    public var isComplete: Bool { trainer.isFinished }

    /// Trains until event `index` exists or the run ends; returns whether it exists.
    @discardableResult
    public func record(throughEvent index: Int, maximumNewSteps: Int = .max) -> Bool {
        var budget = maximumNewSteps
        while recorder.count <= index && !trainer.isFinished && budget > 0 {
            trainer.runStep()
            budget -= 1
        }
        return index < recorder.count
    }

    /// Trains until `epoch` has begun (or the run ends); returns its first event.
    public func firstEvent(ofEpoch epoch: Int, maximumNewSteps: Int = .max) -> Int? {
        var budget = maximumNewSteps
        while recorder.firstEvent(ofEpoch: epoch) == nil && !trainer.isFinished && budget > 0 {
            trainer.runStep()
            budget -= 1
        }
        return recorder.firstEvent(ofEpoch: epoch)
    }

    /// Total events the finished run will have, when known (every step has the same count).
    public var totalEventsEstimate: Int? {
        guard recorder.stepCount > 0 else { return 0 }
        let perStep = recorder.eventRange(ofStep: 0).count - (trainer.samplesPerEpoch == 1 ? 1 : 0)
        let epochs = trainer.setup.epochs
        let (steps, o1) = epochs.multipliedReportingOverflow(by: trainer.samplesPerEpoch)
        let (events, o2) = steps.multipliedReportingOverflow(by: perStep)
        let (total, o3) = events.addingReportingOverflow(epochs)
        return o1 || o2 || o3 ? nil : total
    }
}
