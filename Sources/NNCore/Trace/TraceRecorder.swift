/// Keeps the trace so a front end can step backwards and jump anywhere.
///
/// Storage is one row a step, in blocks of steps, in preallocated columns: the step's numbers
/// (its sample records, and its update and epoch records when it has them) and five small
/// integers. Recording a step copies numbers; it builds no object.
///
/// With a `MemoryBound`, at most `residentBlocks` blocks stay in memory (the least recently
/// used are dropped) and a dropped block is rebuilt when it is read, by replaying training from
/// the checkpoint at its start. Training is deterministic, so the rebuilt rows are the same:
/// stepping back anywhere shows exactly what was there.
public final class TraceRecorder: TraceSubscriber {
    /// How a bounded recorder rebuilds what it dropped.
    public struct MemoryBound {
        public var stepsPerBlock: Int
        public var residentBlocks: Int
        /// Re-runs `steps` sample steps starting at global step `firstStep`, publishing to `subscriber`.
        public var replay: (_ firstStep: Int, _ steps: Int, _ subscriber: any TraceSubscriber) -> Void
        /// Whether the block starting at a global step can be rebuilt; blocks that cannot are never dropped.
        public var canReplay: (_ firstStep: Int) -> Bool = { _ in true }

        public init(stepsPerBlock: Int = 2048, residentBlocks: Int = 48,
                    replay: @escaping (_ firstStep: Int, _ steps: Int, _ subscriber: any TraceSubscriber) -> Void) {
            self.stepsPerBlock = max(1, stepsPerBlock)
            self.residentBlocks = max(2, residentBlocks)
            self.replay = replay
        }

        /// Blocks of about `blockBytes`, at most `budgetBytes` of them resident, replayed from `trainer`'s
        /// checkpoints (the trainer's checkpoint interval is set to the block size). Holds the trainer weakly:
        /// the trainer's bus usually holds the recorder.
        public static func replaying(_ trainer: Trainer, budgetBytes: Int = 32 << 20, blockBytes: Int = 512 << 10) -> MemoryBound {
            let schema = trainer.schema
            let stepBytes = 8 * (schema.rowWidth + 3)
            var steps = 2048
            while steps > 16 && steps * stepBytes > blockBytes { steps /= 2 }
            let resident = max(4, budgetBytes / (steps * stepBytes))
            return replaying(trainer, stepsPerBlock: steps, residentBlocks: resident)
        }

        /// Replays from `trainer`'s checkpoints (its checkpoint interval becomes `stepsPerBlock`).
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
    }

    private let bound: MemoryBound?
    private let stepsPerBlock: Int
    private var blocks: [RecorderBlock] = []
    /// The schema of the steps recorded (known from the first one).
    public private(set) var schema: TraceSchema?
    /// The global step index of the first recorded step.
    private var firstStep: Int?
    private var clock = 0
    /// Each completed epoch: the event that closed it (its loss record), and its records (loss, then the test-set ones).
    public private(set) var epochCloseEvents: [Int] = []
    private var epochNumbers: [Double] = []
    /// Each epoch record's series (the summed loss; with a test set also the train and test means and
    /// accuracies), for the loss panel: drawn at any width without scanning every epoch.
    public private(set) var epochSeries: [TraceQuantity: EpochSeries] = [:]

    /// The summed loss of each completed epoch.
    public var epochLosses: ArraySlice<Double> { epochSeries[.epochLoss]?.values ?? [] }

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

    /// Records recorded so far.
    public private(set) var count = 0
    /// Sample steps recorded so far.
    public var stepCount: Int { blocks.last.map { $0.firstStep + $0.stepCount } ?? 0 }
    /// Blocks of detail held in memory now (for memory reports and tests).
    public var residentBlockCount: Int { blocks.filter { $0.columns != nil }.count }

    public func receive(_ step: TraceStep) {
        if schema == nil { schema = step.schema }
        let first = firstStep ?? step.step
        firstStep = first
        let position = step.step - first
        if blocks.isEmpty || position >= blocks[blocks.count - 1].firstStep + stepsPerBlock {
            let block = RecorderBlock(firstStep: position - position % stepsPerBlock, firstEvent: count,
                                      capacity: stepsPerBlock, schema: step.schema)
            // A new block counts as just used, so it is not the first to be dropped.
            clock += 1
            block.lastUse = clock
            blocks.append(block)
            evictIfNeeded()
        }
        let block = blocks[blocks.count - 1]
        let events = step.eventCount
        block.columns?.append(step, eventStart: block.eventCount)
        block.eventCount += events
        block.stepCount += 1
        block.firstEpoch = min(block.firstEpoch, step.epoch)
        block.lastEpoch = max(block.lastEpoch, step.epoch)
        count += events
        if step.endsEpoch {
            // An epoch counts as closed from its loss record, the first of its epoch records.
            epochCloseEvents.append(count - step.schema.epochEntries.count)
            for id in step.schema.epochEntries {
                let entry = step.schema.entries[id]
                epochNumbers.append(contentsOf: step[entry])
                epochSeries[entry.quantity, default: EpochSeries()].append(step.scalar(entry))
            }
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

    /// A block's columns, rebuilt by replay if it was dropped; marks it used.
    private func columns(ofBlock index: Int) -> RecorderColumns {
        let block = blocks[index]
        clock += 1
        block.lastUse = clock
        if let columns = block.columns { return columns }
        let filler = BlockFiller(capacity: stepsPerBlock, schema: block.schema)
        bound?.replay((firstStep ?? 0) + block.firstStep, block.stepCount, filler)
        block.columns = filler.columns
        evictIfNeeded()
        return filler.columns
    }

    /// Collects replayed steps into fresh columns.
    private final class BlockFiller: TraceSubscriber {
        var columns: RecorderColumns
        var events = 0
        init(capacity: Int, schema: TraceSchema) { columns = RecorderColumns(capacity: capacity, schema: schema) }
        func receive(_ step: TraceStep) {
            columns.append(step, eventStart: events)
            events += step.eventCount
        }
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

    /// The block holding recorded step `position`.
    private func block(ofStep position: Int) -> Int { min(blocks.count - 1, max(0, position / stepsPerBlock)) }

    /// Where event `index` is: its block, the step within the block, and the record within the step.
    private func locate(_ index: Int) -> (block: Int, columns: RecorderColumns, step: Int, record: Int) {
        let b = block(ofEvent: index)
        let columns = columns(ofBlock: b)
        let local = index - blocks[b].firstEvent
        let step = columns.step(containingEvent: local)
        return (b, columns, step, local - Int(columns.eventStart[step]))
    }

    // MARK: Steps and events

    /// The recorded step that event `index` belongs to (0-based within this recording).
    public func stepPosition(ofEvent index: Int) -> Int {
        let (b, _, step, _) = locate(index)
        return blocks[b].firstStep + step
    }

    /// The event range of recorded step `position`.
    public func eventRange(ofStep position: Int) -> Range<Int> {
        let b = block(ofStep: position)
        let block = blocks[b]
        let columns = columns(ofBlock: b)
        let local = position - block.firstStep
        let start = Int(columns.eventStart[local])
        let end = local + 1 < columns.steps ? Int(columns.eventStart[local + 1]) : block.eventCount
        return (block.firstEvent + start)..<(block.firstEvent + end)
    }

    /// The first event of the first recorded step of `epoch`, if recorded.
    public func firstEvent(ofEpoch epoch: Int) -> Int? {
        guard let b = blocks.firstIndex(where: { $0.lastEpoch >= epoch }), blocks[b].firstEpoch <= epoch else { return nil }
        let columns = columns(ofBlock: b)
        // Epochs only grow along the recording: binary search for the first step of `epoch`.
        var low = 0, high = columns.steps
        while low < high {
            let mid = (low + high) / 2
            if Int(columns.epoch[mid]) < epoch { low = mid + 1 } else { high = mid }
        }
        guard low < columns.steps, Int(columns.epoch[low]) == epoch else { return nil }
        return blocks[b].firstEvent + Int(columns.eventStart[low])
    }

    public func event(at index: Int) -> TraceEvent {
        let (b, columns, step, record) = locate(index)
        let groups = columns.groups(step)
        guard let schema else { preconditionFailure("an event was located, so a step was recorded") }
        let entry = schema.entries[schema.entryID(publishedAt: record, groups)]
        return TraceEvent(
            step: (firstStep ?? 0) + blocks[b].firstStep + step, epoch: Int(columns.epoch[step]),
            sample: entry.phase == .epoch ? nil : Int(columns.sample[step]),
            entry: entry, value: Array(columns.values(of: entry, step: step)))
    }

    /// Everything a screen needs to show the moment just after event `index` was published.
    public func snapshot(at index: Int) -> TraceSnapshot {
        let (b, columns, step, record) = locate(index)
        guard let schema else { preconditionFailure("an event was located, so a step was recorded") }
        let groups = columns.groups(step)
        let values = StepValues(schema: schema, row: columns.fullRow(step), groups: groups, known: record + 1)
        let entry = schema.entries[schema.entryID(publishedAt: record, groups)]
        let event = TraceEvent(
            step: (firstStep ?? 0) + blocks[b].firstStep + step, epoch: Int(columns.epoch[step]),
            sample: entry.phase == .epoch ? nil : Int(columns.sample[step]),
            entry: entry, value: Array(values[entry] ?? []))
        // Epochs closed at or before this event.
        var low = 0, high = epochCloseEvents.count
        while low < high {
            let mid = (low + high) / 2
            if epochCloseEvents[mid] <= index { low = mid + 1 } else { high = mid }
        }
        let closed = low
        // The losses of this epoch's steps so far (the current one only once its loss exists).
        let position = blocks[b].firstStep + step
        let epoch = Int(columns.epoch[step])
        let lossEntry = schema.entry(.loss)
        var sampleLosses: [Double] = []
        var p = position - (values.scalar(.loss) == nil ? 1 : 0)
        while p >= 0 {
            let pb = block(ofStep: p)
            let pc = self.columns(ofBlock: pb)
            let local = p - blocks[pb].firstStep
            guard Int(pc.epoch[local]) == epoch, let lossEntry else { break }
            sampleLosses.append(pc.values(of: lossEntry, step: local).first ?? .nan)
            p -= 1
        }
        sampleLosses.reverse()
        // The network in force: the new parameters once the update is out, else those of the step.
        let updated = schema.entry(.weights, layer: 1, phase: .update).map { values.has($0) } ?? false
        let parameters = updated ? columns.parameters(after: step) : columns.parameters(before: step)
        let width = schema.groupWidths[TraceGroup.epoch.rawValue]
        return TraceSnapshot(
            eventIndex: index, event: event, values: values,
            epochLosses: epochLosses[0..<closed], curves: EpochCurves(series: epochSeries, closed: closed),
            epochRecords: closed > 0 ? Array(epochNumbers[((closed - 1) * width)..<(closed * width)]) : [],
            epochSampleLosses: sampleLosses,
            network: schema.network(parameters: parameters))
    }

    /// Recorded step `position` whole: where it is, what it publishes, and its numbers as a full row.
    public func recordedStep(_ position: Int) -> RecordedStep {
        let b = block(ofStep: position)
        let columns = columns(ofBlock: b)
        let local = position - blocks[b].firstStep
        return RecordedStep(
            step: (firstStep ?? 0) + position, epoch: Int(columns.epoch[local]), sample: Int(columns.sample[local]),
            groups: columns.groups(local), firstEvent: blocks[b].firstEvent + Int(columns.eventStart[local]),
            row: columns.fullRow(local))
    }

    /// The epoch records of completed epoch `epoch` (in schema order), for test-set curves.
    public func epochRecords(_ epoch: Int) -> ArraySlice<Double>? {
        guard let schema, epoch >= 0, epoch < epochCloseEvents.count else { return nil }
        let width = schema.groupWidths[TraceGroup.epoch.rawValue]
        return epochNumbers[(epoch * width)..<((epoch + 1) * width)]
    }
}

/// One recorded step, read back whole (for scanning a recording step by step).
public struct RecordedStep: Sendable {
    public let step: Int
    public let epoch: Int
    public let sample: Int
    public let groups: StepGroups
    /// The global index of the step's first record.
    public let firstEvent: Int
    /// The step's numbers at the schema's offsets (NaN where it published nothing).
    public let row: [Double]

    /// An entry's numbers.
    public subscript(_ entry: TraceEntry) -> ArraySlice<Double> { row[entry.offset..<(entry.offset + entry.count)] }
}

/// A run of recorded steps; its columns are nil while dropped.
final class RecorderBlock {
    let firstStep: Int
    let firstEvent: Int
    let schema: TraceSchema
    var eventCount = 0
    var stepCount = 0
    var firstEpoch = Int.max
    var lastEpoch = Int.min
    var columns: RecorderColumns?
    var lastUse = 0

    init(firstStep: Int, firstEvent: Int, capacity: Int, schema: TraceSchema) {
        self.firstStep = firstStep
        self.firstEvent = firstEvent
        self.schema = schema
        columns = RecorderColumns(capacity: capacity, schema: schema)
    }
}

/// One block's steps as columns. A step's numbers are its sample records, then its update
/// records if it ends a batch, then its epoch records if it ends an epoch.
struct RecorderColumns {
    let schema: TraceSchema
    var numbers: [Double] = []
    /// Per step: where its numbers start, its first event (from the block's start), its groups, epoch and sample.
    var numbersStart: [UInt32] = []
    var eventStart: [UInt32] = []
    var groupBits: [UInt8] = []
    var epoch: [Int32] = []
    var sample: [Int32] = []

    init(capacity: Int, schema: TraceSchema) {
        self.schema = schema
        numbers.reserveCapacity(capacity * schema.groupWidths[0] + capacity / 4 * (schema.groupWidths[1] + schema.groupWidths[2]))
        numbersStart.reserveCapacity(capacity)
        eventStart.reserveCapacity(capacity)
        groupBits.reserveCapacity(capacity)
        epoch.reserveCapacity(capacity)
        sample.reserveCapacity(capacity)
    }

    var steps: Int { numbersStart.count }

    mutating func append(_ step: TraceStep, eventStart start: Int) {
        numbersStart.append(UInt32(truncatingIfNeeded: numbers.count))
        eventStart.append(UInt32(truncatingIfNeeded: start))
        groupBits.append((step.endsBatch ? 1 : 0) | (step.endsEpoch ? 2 : 0))
        epoch.append(Int32(clamping: step.epoch))
        sample.append(Int32(clamping: step.sample))
        let offsets = schema.groupOffsets, widths = schema.groupWidths
        numbers.append(contentsOf: UnsafeBufferPointer(start: step.row + offsets[0], count: widths[0]))
        if step.endsBatch { numbers.append(contentsOf: UnsafeBufferPointer(start: step.row + offsets[1], count: widths[1])) }
        if step.endsEpoch { numbers.append(contentsOf: UnsafeBufferPointer(start: step.row + offsets[2], count: widths[2])) }
    }

    func groups(_ step: Int) -> StepGroups {
        StepGroups(endsBatch: groupBits[step] & 1 != 0, endsEpoch: groupBits[step] & 2 != 0)
    }

    /// The step holding a block-relative event index: the last step starting at or before it.
    func step(containingEvent local: Int) -> Int {
        var low = 0, high = steps
        while high - low > 1 {
            let mid = (low + high) / 2
            if Int(eventStart[mid]) <= local { low = mid } else { high = mid }
        }
        return low
    }

    /// Where an entry's numbers sit in a step's stored numbers, or nil if the step has none.
    func start(of entry: TraceEntry, step: Int) -> Int? {
        let g = groups(step)
        let base = Int(numbersStart[step])
        let offsets = schema.groupOffsets, widths = schema.groupWidths
        switch entry.group {
        case .sample: return base + entry.offset
        case .update: return g.endsBatch ? base + widths[0] + entry.offset - offsets[1] : nil
        case .epoch: return g.endsEpoch ? base + widths[0] + (g.endsBatch ? widths[1] : 0) + entry.offset - offsets[2] : nil
        }
    }

    func values(of entry: TraceEntry, step: Int) -> ArraySlice<Double> {
        guard let start = start(of: entry, step: step) else { return [] }
        return numbers[start..<(start + entry.count)]
    }

    /// The step's numbers laid out as a full row (NaN where the step published nothing).
    func fullRow(_ step: Int) -> [Double] {
        var row = [Double](repeating: .nan, count: schema.rowWidth)
        let g = groups(step)
        var at = Int(numbersStart[step])
        for (group, present) in [(0, true), (1, g.endsBatch), (2, g.endsEpoch)] where present {
            let offset = schema.groupOffsets[group], width = schema.groupWidths[group]
            row.replaceSubrange(offset..<(offset + width), with: numbers[at..<(at + width)])
            at += width
        }
        return row
    }

    /// The parameters a step was computed with (its forward W₁ … b_L, one block in draw order).
    func parameters(before step: Int) -> [Double] {
        guard let first = schema.entry(.weights, layer: 1, phase: .forward) else { return [] }
        let start = Int(numbersStart[step]) + first.offset
        return Array(numbers[start..<(start + schema.architecture.parameterCount)])
    }

    /// The parameters after the step's update, when it made one (else those it was computed with).
    func parameters(after step: Int) -> [Double] {
        guard let first = schema.entry(.weights, layer: 1, phase: .update),
              let start = start(of: first, step: step) else { return parameters(before: step) }
        return Array(numbers[start..<(start + schema.architecture.parameterCount)])
    }
}

/// The state of training just after one event: what the walkthrough draws.
public struct TraceSnapshot: Sendable, Equatable {
    public var eventIndex: Int
    /// The event the cursor is on: the term just computed.
    public var event: TraceEvent
    /// The current step's values published up to and including `event`.
    public var values: StepValues
    /// Summed losses of the epochs completed by this point (a view, not a copy).
    public var epochLosses: ArraySlice<Double>
    /// Every epoch series, and how many epochs are completed by this point.
    public var curves: EpochCurves
    /// The records of the latest completed epoch, in schema order (loss, then any test-set records).
    public var epochRecords: [Double]
    /// The forward-pass losses of the current epoch's samples computed so far.
    public var epochSampleLosses: [Double]
    /// The network as it stands at this moment: the updated parameters once the update is out,
    /// else those the step is computed with.
    public var network: MLP

    public init(eventIndex: Int, event: TraceEvent, values: StepValues, epochLosses: ArraySlice<Double>,
                curves: EpochCurves? = nil, epochRecords: [Double] = [], epochSampleLosses: [Double] = [], network: MLP) {
        self.eventIndex = eventIndex
        self.event = event
        self.values = values
        self.epochLosses = epochLosses
        self.curves = curves ?? EpochCurves(series: [.epochLoss: EpochSeries(epochLosses)], closed: epochLosses.count)
        self.epochRecords = epochRecords
        self.epochSampleLosses = epochSampleLosses
        self.network = network
    }

    public var schema: TraceSchema { values.schema }
}

/// The epoch series of a recording as far as one moment: what the loss panel draws.
public struct EpochCurves: Sendable, Equatable {
    public var series: [TraceQuantity: EpochSeries]
    /// Epochs completed by this moment: each series is read up to here.
    public var closed: Int

    public init(series: [TraceQuantity: EpochSeries], closed: Int) {
        self.series = series
        self.closed = closed
    }

    public subscript(_ quantity: TraceQuantity) -> EpochSeries? { series[quantity] }
}
