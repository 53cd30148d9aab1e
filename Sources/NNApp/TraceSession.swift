import NNCore
import NNRender

/// One training run and its recorded history: the walkthrough's source of truth.
///
/// The history is append-only and deterministic, so training more on demand never
/// changes what was already shown: stepping back always shows exactly what was there.
public final class TraceSession {
    public let trainer: Trainer
    public let recorder: TraceRecorder
    public let equations: Equations
    /// The boundary panel's last shading: stepping within a step shows the same network.
    public let boundaryCache = BoundaryCache()

    public init(setup: TrainingSetup) {
        let bus = TraceBus()
        let trainer = Trainer(setup: setup, bus: bus)
        self.trainer = trainer
        // Detail kept in memory is bounded (about 32 MB of rows); older blocks are dropped and
        // replayed from a checkpoint when the learner returns.
        recorder = TraceRecorder(bound: .replaying(trainer))
        bus.attach(recorder)
        equations = Equations(setup: setup, schema: trainer.schema)
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

    /// Total events the finished run will have, when it fits in an Int: every epoch publishes each
    /// sample's records, each batch's update records, and its epoch records.
    public var totalEventsEstimate: Int? {
        let schema = trainer.schema
        let samples = trainer.samplesPerEpoch
        let batch = trainer.setup.batch.size(samples: samples)
        let batches = (samples + batch - 1) / max(1, batch)
        let perEpoch = samples * schema.sampleEntries.count + batches * schema.updateEntries.count + schema.epochEntries.count
        let (total, overflow) = trainer.setup.epochs.multipliedReportingOverflow(by: perEpoch)
        return overflow ? nil : total
    }
}
