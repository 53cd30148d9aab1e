/// Keeps the trace so a front end can step backwards and jump anywhere.
///
/// Storage is columnar, in blocks of sample steps: per event a name, a phase, a shape and where
/// its numbers end (11 bytes), and every number in one column of doubles, so a recorded step of
/// the single neuron costs about 250 bytes.
///
/// With a `MemoryBound`, at most `residentBlocks` blocks stay in memory (the least recently
/// used are dropped) and a dropped block is rebuilt when looked at, by replaying training from
/// the checkpoint at its start. Training is deterministic, so the rebuilt events are the same
/// ones: stepping back anywhere still shows exactly what was there.
public final class TraceRecorder: TraceSubscriber {
    /// How a bounded recorder rebuilds what it dropped.
    public struct MemoryBound {
        public var stepsPerBlock: Int
        public var residentBlocks: Int
        /// Re-runs `steps` sample steps starting at global step `firstStep`, publishing to `subscriber`.
        public var replay: (_ firstStep: Int, _ steps: Int, _ subscriber: any TraceSubscriber) -> Void

        /// Replays from `trainer`'s checkpoints (set its `checkpointInterval` to `stepsPerBlock`).
        /// Holds the trainer weakly: the trainer's bus usually holds the recorder.
        public static func replaying(_ trainer: Trainer, stepsPerBlock: Int, residentBlocks: Int) -> MemoryBound {
            // The checkpoints must fall on block starts, or a dropped block could not be rebuilt.
            trainer.checkpointInterval = stepsPerBlock
            var bound = MemoryBound(stepsPerBlock: stepsPerBlock, residentBlocks: residentBlocks) { [weak trainer] firstStep, steps, subscriber in
                guard let trainer, let checkpoint = trainer.checkpoints[firstStep] else { return }
                let bus = TraceBus()
                bus.attach(subscriber)
                let replayer = Trainer(setup: trainer.setup, bus: bus)
                replayer.restore(checkpoint)
                replayer.run(steps: steps)
            }
            bound.canReplay = { [weak trainer] firstStep in trainer?.checkpoints[firstStep] != nil }
            return bound
        }

        /// Whether the block starting at a global step can be rebuilt; blocks that cannot are never dropped.
        public var canReplay: (_ firstStep: Int) -> Bool = { _ in true }

        public init(stepsPerBlock: Int = 2048, residentBlocks: Int = 48,
                    replay: @escaping (_ firstStep: Int, _ steps: Int, _ subscriber: any TraceSubscriber) -> Void) {
            self.stepsPerBlock = max(1, stepsPerBlock)
            self.residentBlocks = max(2, residentBlocks)
            self.replay = replay
        }
    }

    /// One block's events, indexed from the block's start.
    fileprivate struct Columns {
        var names: [TraceName] = []
        var phases: [TracePhase] = []
        /// 0 scalar, 1 vector, 100 + c a matrix of c columns.
        var shapes: [UInt8] = []
        /// valueEnds[i] is where event i's numbers end in `numbers`; they start at valueEnds[i - 1].
        var valueEnds: [UInt32] = []
        var numbers: [Double] = []
        /// For each step of the block: its first event, epoch, sample index and loss.
        var stepFirstEvent: [UInt32] = []
        var stepEpoch: [Int32] = []
        var stepSample: [Int32] = []
        var stepLoss: [Double] = []

        mutating func append(_ event: TraceEvent, stepInBlock: Int) {
            if stepInBlock >= stepFirstEvent.count {
                stepFirstEvent.append(UInt32(truncatingIfNeeded: names.count))
                stepEpoch.append(Int32(clamping: event.epoch))
                stepSample.append(Int32(clamping: event.sample ?? -1))
                stepLoss.append(.nan)
            }
            names.append(event.name)
            phases.append(event.phase)
            shapes.append(event.value.columns.map { UInt8(truncatingIfNeeded: 100 + $0) } ?? (event.value.isVector ? 1 : 0))
            for i in 0..<event.value.count { numbers.append(event.value[i]) }
            valueEnds.append(UInt32(truncatingIfNeeded: numbers.count))
            if event.phase == .forward && event.name == .loss { stepLoss[stepLoss.count - 1] = event.value.first }
        }

        func valueRange(_ i: Int) -> Range<Int> { (i == 0 ? 0 : Int(valueEnds[i - 1]))..<Int(valueEnds[i]) }
    }

    /// A run of `stepsPerBlock` steps; its columns are nil while dropped.
    fileprivate final class Block {
        let firstStep: Int
        let firstEvent: Int
        var eventCount = 0
        var stepCount = 0
        var firstEpoch = Int.max
        var lastEpoch = Int.min
        var columns: Columns?
        var lastUse = 0

        init(firstStep: Int, firstEvent: Int) {
            self.firstStep = firstStep
            self.firstEvent = firstEvent
            columns = Columns()
        }
    }

    private let bound: MemoryBound?
    private let stepsPerBlock: Int
    private var blocks: [Block] = []
    /// The global step index of the first recorded step.
    private var firstStep: Int?
    private var clock = 0
    /// The completed epochs: the event that closed each, and its summed loss (16 bytes an epoch).
    public private(set) var epochCloseEvents: [Int] = []
    public private(set) var epochLosses: [Double] = []

    /// A recorder that keeps everything.
    public init() {
        bound = nil
        stepsPerBlock = 2048
    }

    /// A recorder that keeps at most `bound.residentBlocks` blocks of detail in memory.
    public init(bound: MemoryBound) {
        self.bound = bound
        stepsPerBlock = bound.stepsPerBlock
    }

    /// Events recorded so far.
    public private(set) var count = 0
    /// Sample steps recorded so far.
    public var stepCount: Int { blocks.last.map { $0.firstStep + $0.stepCount } ?? 0 }
    /// Blocks of detail held in memory now (for memory reports and tests).
    public var residentBlockCount: Int { blocks.filter { $0.columns != nil }.count }

    public func receive(_ event: TraceEvent) {
        let first = firstStep ?? event.step
        firstStep = first
        let position = event.step - first
        if blocks.isEmpty || position >= blocks[blocks.count - 1].firstStep + stepsPerBlock {
            let block = Block(firstStep: position - position % stepsPerBlock, firstEvent: count)
            // A new block counts as just used, so it is not the first to be dropped.
            clock += 1
            block.lastUse = clock
            blocks.append(block)
            evictIfNeeded()
        }
        let block = blocks[blocks.count - 1]
        block.columns?.append(event, stepInBlock: position - block.firstStep)
        block.eventCount += 1
        block.stepCount = max(block.stepCount, position - block.firstStep + 1)
        block.firstEpoch = min(block.firstEpoch, event.epoch)
        block.lastEpoch = max(block.lastEpoch, event.epoch)
        count += 1
        if event.phase == .epoch {
            epochCloseEvents.append(count - 1)
            epochLosses.append(event.value.first)
        }
    }

    // MARK: Blocks

    /// Drops the least recently used blocks beyond the bound; never the one being written.
    private func evictIfNeeded() {
        guard let bound else { return }
        let offset = firstStep ?? 0
        var resident = blocks.indices.filter {
            blocks[$0].columns != nil && $0 != blocks.count - 1 && bound.canReplay(offset + blocks[$0].firstStep)
        }
        while resident.count + 1 > bound.residentBlocks, let oldest = resident.min(by: { blocks[$0].lastUse < blocks[$1].lastUse }) {
            blocks[oldest].columns = nil
            resident.removeAll { $0 == oldest }
        }
    }

    /// Rebuilds a dropped block by replaying its steps, and marks it used.
    private func columns(ofBlock index: Int) -> Columns {
        let block = blocks[index]
        clock += 1
        block.lastUse = clock
        if let columns = block.columns { return columns }
        let filler = BlockFiller(firstStep: (firstStep ?? 0) + block.firstStep)
        bound?.replay((firstStep ?? 0) + block.firstStep, block.stepCount, filler)
        block.columns = filler.columns
        evictIfNeeded()
        return filler.columns
    }

    /// Collects replayed events into fresh columns.
    private final class BlockFiller: TraceSubscriber {
        var columns = Columns()
        let firstStep: Int
        init(firstStep: Int) { self.firstStep = firstStep }
        func receive(_ event: TraceEvent) { columns.append(event, stepInBlock: event.step - firstStep) }
    }

    /// The block holding global event `index`.
    private func block(ofEvent index: Int) -> Int {
        var low = 0, high = blocks.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if blocks[mid].firstEvent <= index { low = mid } else { high = mid }
        }
        return low
    }

    /// Event `index`'s block columns and its index within them.
    private func locate(_ index: Int) -> (columns: Columns, local: Int, block: Int) {
        let b = block(ofEvent: index)
        return (columns(ofBlock: b), index - blocks[b].firstEvent, b)
    }

    // MARK: Steps and events

    /// The recorded step that event `index` belongs to (0-based within this recording).
    public func stepPosition(ofEvent index: Int) -> Int {
        let (columns, local, b) = locate(index)
        // The last step whose first event is at or before `local`.
        var low = 0, high = columns.stepFirstEvent.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if Int(columns.stepFirstEvent[mid]) <= local { low = mid } else { high = mid }
        }
        return blocks[b].firstStep + low
    }

    /// The event range of recorded step `position`.
    public func eventRange(ofStep position: Int) -> Range<Int> {
        let b = min(blocks.count - 1, position / stepsPerBlock)
        let block = blocks[b]
        let columns = columns(ofBlock: b)
        let local = position - block.firstStep
        let start = Int(columns.stepFirstEvent[local])
        let end = local + 1 < columns.stepFirstEvent.count ? Int(columns.stepFirstEvent[local + 1]) : block.eventCount
        return (block.firstEvent + start)..<(block.firstEvent + end)
    }

    /// The first event of the first recorded step of `epoch`, if recorded.
    public func firstEvent(ofEpoch epoch: Int) -> Int? {
        guard let b = blocks.firstIndex(where: { $0.lastEpoch >= epoch }), blocks[b].firstEpoch <= epoch else { return nil }
        let columns = columns(ofBlock: b)
        // Epochs only grow along the recording: binary search for the first step of `epoch`.
        var low = 0, high = columns.stepEpoch.count
        while low < high {
            let mid = (low + high) / 2
            if Int(columns.stepEpoch[mid]) < epoch { low = mid + 1 } else { high = mid }
        }
        guard low < columns.stepEpoch.count, Int(columns.stepEpoch[low]) == epoch else { return nil }
        return blocks[b].firstEvent + Int(columns.stepFirstEvent[low])
    }

    public func event(at index: Int) -> TraceEvent {
        let (columns, local, b) = locate(index)
        var step = 0
        var low = 0, high = columns.stepFirstEvent.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if Int(columns.stepFirstEvent[mid]) <= local { low = mid } else { high = mid }
        }
        step = low
        let range = columns.valueRange(local)
        let numbers = columns.numbers
        let value: TraceValue
        switch columns.shapes[local] {
        case 0:
            value = .scalar(range.isEmpty ? .nan : numbers[range.lowerBound])
        case 1:
            value = range.count == 2
                ? .pair(SIMD2(numbers[range.lowerBound], numbers[range.lowerBound + 1]))
                : .vector(Array(numbers[range]))
        case let shape:
            value = .matrix(Array(numbers[range]), columns: Int(shape) - 100)
        }
        let phase = columns.phases[local]
        let sample = Int(columns.stepSample[step])
        return TraceEvent(
            step: (firstStep ?? 0) + blocks[b].firstStep + step, epoch: Int(columns.stepEpoch[step]),
            sample: phase == .epoch || sample < 0 ? nil : sample,
            phase: phase, name: columns.names[local], value: value)
    }

    /// The forward-pass loss of recorded step `position` (NaN before it is computed).
    private func stepLoss(_ position: Int) -> Double {
        let b = min(blocks.count - 1, position / stepsPerBlock)
        let columns = columns(ofBlock: b)
        let local = position - blocks[b].firstStep
        return local < columns.stepLoss.count ? columns.stepLoss[local] : .nan
    }

    /// The epoch of recorded step `position`.
    private func stepEpoch(_ position: Int) -> Int {
        let b = min(blocks.count - 1, position / stepsPerBlock)
        return Int(columns(ofBlock: b).stepEpoch[position - blocks[b].firstStep])
    }

    /// The network as it stands at event `index`: the latest weights published at or before it,
    /// in any phase. Before a step publishes its weights, the previous step's update is what the
    /// network holds.
    public func networkInForce(at index: Int) -> Network? {
        var found: [TraceName: [Double]] = [:]
        var i = index
        // A step publishes its weights within its first few events, so this looks back about one step.
        while i >= 0 {
            let (columns, local, _) = locate(i)
            let name = columns.names[local]
            if found[name] == nil, [.W, .b, .W1, .b1, .W2, .b2].contains(name) {
                found[name] = Array(columns.numbers[columns.valueRange(local)])
            }
            if let W = found[.W], let b = found[.b], W.count == 2, b.count == 1 {
                return .neuron(Neuron(W: SIMD2(W[0], W[1]), b: b[0]))
            }
            if let W1 = found[.W1], let b1 = found[.b1], let W2 = found[.W2], let b2 = found[.b2], b2.count == 1 {
                return .hidden(HiddenLayerNetwork(W1: W1, b1: b1, W2: W2, b2: b2[0]))
            }
            i -= 1
        }
        return nil
    }

    /// Everything a screen needs to show the moment just after event `index` was published.
    public func snapshot(at index: Int) -> TraceSnapshot {
        let position = stepPosition(ofEvent: index)
        var values = StepValues()
        for i in eventRange(ofStep: position).lowerBound...index {
            values.record(event(at: i))
        }
        // Epochs closed at or before this event.
        var low = 0, high = epochCloseEvents.count
        while low < high {
            let mid = (low + high) / 2
            if epochCloseEvents[mid] <= index { low = mid + 1 } else { high = mid }
        }
        let closed = low
        // The losses of this epoch's steps so far (the current one only once its loss exists).
        let epoch = stepEpoch(position)
        var first = position
        while first > 0 && stepEpoch(first - 1) == epoch { first -= 1 }
        let through = values.scalar(.forward, .loss) == nil ? position : position + 1
        let sampleLosses = first < through ? (first..<through).map(stepLoss) : []
        return TraceSnapshot(
            eventIndex: index, event: event(at: index), values: values,
            epochLosses: Array(epochLosses[0..<closed]), epochSampleLosses: sampleLosses,
            networkInForce: networkInForce(at: index))
    }
}

/// The state of training just after one event: what the walkthrough draws.
public struct TraceSnapshot: Sendable, Equatable {
    public var eventIndex: Int
    /// The event the cursor is on: the term just computed.
    public var event: TraceEvent
    /// The current step's values published up to and including `event`.
    public var values: StepValues
    /// Summed losses of the epochs completed by this point.
    public var epochLosses: [Double]
    /// The forward-pass losses of the current epoch's samples computed so far.
    public var epochSampleLosses: [Double]

    /// The weights the network holds at this moment (see `TraceRecorder.networkInForce`).
    public var networkInForce: Network?

    public init(eventIndex: Int, event: TraceEvent, values: StepValues, epochLosses: [Double],
                epochSampleLosses: [Double] = [], networkInForce: Network? = nil) {
        self.eventIndex = eventIndex
        self.event = event
        self.values = values
        self.epochLosses = epochLosses
        self.epochSampleLosses = epochSampleLosses
        self.networkInForce = networkInForce
    }

    /// The network in force: the updated weights once the update is published, else those used,
    /// else (at the very start of a step) those the previous step left.
    public var network: Network? { networkInForce }

    /// The single neuron in force, when the network is one.
    public var neuron: Neuron? { networkInForce?.neuron }
}
