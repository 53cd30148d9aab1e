/// Trains any network on a data set, publishing each sample step on a bus as one row.
///
/// Per sample: forward, backward, (gradient check), accumulate; at a batch's end: the mean,
/// the update; at an epoch's end: the epoch's records. Training is lazy: a front end calls
/// `runStep()` as the learner steps past what has been computed, and a printer runs it to the end.
public final class Trainer {
    public let setup: TrainingSetup
    public let schema: TraceSchema
    public let draw: NetworkDraw
    public let dataset: Dataset
    public let bus: TraceBus
    /// The network before the first step.
    public let initialNetwork: MLP
    /// Sample steps in the whole run: epochs × training samples.
    public let totalSteps: Int

    private let engine: StepEngine
    private let layers: [Dense]
    private let batchSize: Int
    private let epochLossOffset: Int
    private let testRecordsOffset: Int?
    /// The step row (the engine's workspace and what the bus publishes), the parameters, a
    /// batch's gradient sum, and the gradient check's scratch copy: allocated once.
    private let row: UnsafeMutablePointer<Double>
    private let parameters: UnsafeMutablePointer<Double>
    private let gradientSum: UnsafeMutablePointer<Double>
    private let scratch: UnsafeMutablePointer<Double>
    private var counters = Counters()
    /// Every completed epoch's summed loss, bounded: kept by the trainer itself, so a summary needs no subscriber.
    public private(set) var epochLosses = LossHistory()
    /// Off only in the test that proves the single-neuron kernel equals the generic loops.
    var useKernel = true

    /// Where training stands between steps.
    struct Counters: Sendable, Equatable {
        /// The index of the next sample step, and where it falls.
        var stepIndex = 0
        var sample = 0
        var epoch = 0
        /// The losses of the epoch in progress, summed in order (the notebook's Σ).
        var epochLossSum = 0.0
        /// Samples accumulated into the batch in progress.
        var batchFilled = 0
    }

    /// Everything that changes as training goes: a trainer restored to it replays the same steps exactly.
    public struct Progress: Sendable, Equatable {
        var counters: Counters
        var parameters: [Double]
        var gradientSum: [Double]
    }

    /// With an interval set, the progress at every multiple of it, by step index: what a recorder
    /// with a memory bound replays from.
    public var checkpointInterval: Int? {
        didSet { if checkpointInterval != nil && checkpoints.isEmpty { checkpoints[counters.stepIndex] = progress } }
    }
    public private(set) var checkpoints: [Int: Progress] = [:]

    public init(setup: TrainingSetup, bus: TraceBus) {
        self.setup = setup
        self.bus = bus
        schema = TraceSchema(setup: setup)
        draw = NetworkDraw(seed: setup.seed, architecture: setup.architecture)
        dataset = Dataset(samples: setup.data.samples(notebookX: draw.X), testPercent: setup.testPercent)
        let start = setup.initialParameters ?? draw.parameters
        initialNetwork = MLP(architecture: setup.architecture, activation: setup.activation, parameters: start)
        layers = initialNetwork.layers
        engine = StepEngine(schema: schema, activation: setup.activation, bugs: BugSwitches(setup.bugs))
        batchSize = setup.batch.size(samples: dataset.trainingCount)
        let (steps, overflow) = setup.epochs.multipliedReportingOverflow(by: dataset.trainingCount)
        totalSteps = overflow ? .max : steps
        epochLossOffset = schema.entry(.epochLoss)?.offset ?? 0
        testRecordsOffset = schema.entry(.trainLoss)?.offset
        let count = setup.architecture.parameterCount
        row = .allocate(capacity: engine.rowCapacity)
        row.initialize(repeating: .nan, count: engine.rowCapacity)
        parameters = .allocate(capacity: count)
        parameters.initialize(from: start, count: count)
        gradientSum = .allocate(capacity: count)
        gradientSum.initialize(repeating: 0, count: count)
        scratch = .allocate(capacity: count)
        scratch.initialize(repeating: 0, count: count)
    }

    deinit {
        row.deallocate()
        parameters.deallocate()
        gradientSum.deallocate()
        scratch.deallocate()
    }

    /// The network as it stands now.
    public var network: MLP {
        MLP(architecture: setup.architecture, activation: setup.activation,
            parameters: Array(UnsafeBufferPointer(start: parameters, count: setup.architecture.parameterCount)))
    }

    /// The index of the next sample step.
    public var stepIndex: Int { counters.stepIndex }
    public var samplesPerEpoch: Int { dataset.trainingCount }
    public var isFinished: Bool { counters.stepIndex >= totalSteps }
    /// The epoch the next step belongs to.
    public var epoch: Int { counters.epoch }

    public var progress: Progress {
        let count = setup.architecture.parameterCount
        return Progress(counters: counters,
                        parameters: Array(UnsafeBufferPointer(start: parameters, count: count)),
                        gradientSum: Array(UnsafeBufferPointer(start: gradientSum, count: count)))
    }

    /// Puts the trainer back to a checkpoint: the next steps are exactly those that followed it.
    public func restore(_ checkpoint: Progress) {
        counters = checkpoint.counters
        parameters.update(from: checkpoint.parameters, count: checkpoint.parameters.count)
        gradientSum.update(from: checkpoint.gradientSum, count: checkpoint.gradientSum.count)
    }

    /// Runs one sample step (and the update and epoch records it completes).
    public func runStep() {
        run(steps: 1)
    }

    /// Runs to the end of the run.
    public func run() {
        run(steps: .max)
    }

    /// Runs until the end, or until `shouldContinue` says no. It is asked every 64 steps: often
    /// enough that `| head` ends a run at once, rarely enough to cost nothing.
    public func run(while shouldContinue: () -> Bool) {
        while !isFinished && shouldContinue() {
            run(steps: 64)
        }
    }

    /// Runs up to `steps` sample steps, keeping a checkpoint at every multiple of the interval.
    public func run(steps: Int) {
        guard let interval = checkpointInterval, interval > 0 else {
            runSteps(steps)
            return
        }
        var remaining = steps
        while remaining > 0 && !isFinished {
            let untilNext = interval - counters.stepIndex % interval
            let batch = min(remaining, untilNext)
            runSteps(batch)
            remaining -= batch
            if counters.stepIndex % interval == 0 { checkpoints[counters.stepIndex] = progress }
        }
    }

    /// The training loop. Its state lives in locals while it runs (a class's stored properties
    /// cost exclusivity checks per access) and is stored back when it returns.
    private func runSteps(_ steps: Int) {
        var c = counters
        var history = epochLosses
        epochLosses = LossHistory()  // so the local copy is the only owner, and appends do not copy
        defer {
            counters = c
            epochLosses = history
        }
        let engine = self.engine, bus = self.bus, schema = self.schema
        let row = self.row, parameters = self.parameters, gradientSum = self.gradientSum
        let samples = dataset.samples, trainingCount = dataset.trainingCount
        let averaging = setup.batch.averages, batchSize = self.batchSize
        let learningRate = setup.learningRate, checkGradients = setup.checkGradients
        let publishing = bus.isActive
        let kernel = engine.isSingleNeuron && useKernel ? SingleNeuronKernel(engine) : nil
        var remaining = steps
        while remaining > 0 && c.stepIndex < totalSteps {
            let sample = samples[c.sample]
            let endsEpoch = c.sample == trainingCount - 1
            c.batchFilled += 1
            let endsBatch = !averaging || c.batchFilled == batchSize || endsEpoch
            if let kernel, !averaging, !checkGradients {
                // The notebook's neuron, one update per sample: straight-line code, the row written only when read.
                c.epochLossSum += kernel.step(sample, parameters: parameters, row: row, publishing: publishing,
                                              update: true, learningRate: learningRate)
            } else {
                c.epochLossSum += engine.forward(sample, parameters: parameters, row: row)
                engine.backward(row: row)
                if checkGradients {
                    engine.checkGradients(sample, layers: layers, parameters: parameters, scratch: scratch, row: row)
                }
                if averaging {
                    engine.accumulate(into: gradientSum, first: c.batchFilled == 1, row: row)
                    if endsBatch { engine.mean(of: gradientSum, count: c.batchFilled, row: row) }
                }
                if endsBatch {
                    engine.update(parameters: parameters, learningRate: learningRate, row: row,
                                  mean: averaging ? UnsafePointer(gradientSum) : nil)
                }
            }
            if endsBatch { c.batchFilled = 0 }
            if endsEpoch {
                history.append(c.epochLossSum)
                row[epochLossOffset] = c.epochLossSum
                if let offset = testRecordsOffset { evaluate(into: row + offset) }
            }
            if publishing {
                bus.publish(TraceStep(schema: schema, step: c.stepIndex, epoch: c.epoch, sample: c.sample,
                                      endsBatch: endsBatch, endsEpoch: endsEpoch, row: row))
            }
            if endsEpoch {
                c.epochLossSum = 0
                c.sample = 0
                c.epoch += 1
            } else {
                c.sample += 1
            }
            c.stepIndex += 1
            remaining -= 1
        }
    }

    /// train_loss, test_loss, train_accuracy, test_accuracy with the parameters at the epoch's end:
    /// mean losses summed in sample order from the first, and the fraction classified right.
    private func evaluate(into out: UnsafeMutablePointer<Double>) {
        func measure(_ part: ArraySlice<Sample>) -> (loss: Double, accuracy: Double) {
            var sum = 0.0, right = 0
            for (k, sample) in part.enumerated() {
                let yHat = MLP.forward(sample.x, layers: layers, parameters: parameters).yHat
                let loss = setup.loss.value(y: sample.y, yHat: yHat)
                sum = k == 0 ? loss : sum + loss
                if Classification.isRight(yHat: yHat, y: sample.y) { right += 1 }
            }
            let n = Double(part.count)
            return part.isEmpty ? (.nan, .nan) : (sum / n, Double(right) / n)
        }
        let train = measure(dataset.training), test = measure(dataset.test)
        out[0] = train.loss
        out[1] = test.loss
        out[2] = train.accuracy
        out[3] = test.accuracy
    }
}

/// The one rule for "classified right", used by every count, summary and trigger.
public enum Classification {
    /// ŷ ≥ 0.5 predicts 1; a NaN ŷ predicts nothing, so it is never right.
    @inline(__always)
    public static func isRight(yHat: Double, y: Double) -> Bool {
        guard !yHat.isNaN else { return false }
        return (yHat >= 0.5) == (y >= 0.5)
    }
}
