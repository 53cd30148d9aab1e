/// Keeps the whole trace so a front end can step backwards and jump anywhere.
///
/// Storage is columnar and chunked: per event a name, a phase, a vector flag and where its
/// numbers end (7 bytes), and every number in one flat column of doubles. A recorded sample
/// step of the single neuron costs about 250 bytes.
public final class TraceRecorder: TraceSubscriber {
    /// All columns in one value, so recording an event is one access to the recorder's state.
    private struct Columns {
        var names = ChunkedArray<TraceName>()
        var phases = ChunkedArray<TracePhase>()
        /// 0 scalar, 1 vector, 100 + c a matrix of c columns.
        var shapes = ChunkedArray<UInt8>()
        /// valueEnds[i] is where event i's numbers end in `numbers`; they start at valueEnds[i - 1].
        var valueEnds = ChunkedArray<UInt32>()
        var numbers = ChunkedArray<Double>()
        /// For each recorded sample step: its first event, epoch, sample index and loss.
        var stepFirstEvent = ChunkedArray<UInt32>()
        var stepEpoch = ChunkedArray<Int32>()
        var stepSample = ChunkedArray<Int32>()
        var stepLoss = ChunkedArray<Double>()
        var firstStep: Int?

        mutating func append(_ event: TraceEvent) {
            let first = firstStep ?? event.step
            firstStep = first
            if event.step - first >= stepFirstEvent.count {
                stepFirstEvent.append(UInt32(truncatingIfNeeded: names.count))
                stepEpoch.append(Int32(clamping: event.epoch))
                stepSample.append(Int32(clamping: event.sample ?? -1))
            }
            names.append(event.name)
            phases.append(event.phase)
            shapes.append(event.value.columns.map { UInt8(truncatingIfNeeded: 100 + $0) } ?? (event.value.isVector ? 1 : 0))
            for i in 0..<event.value.count { numbers.append(event.value[i]) }
            valueEnds.append(UInt32(truncatingIfNeeded: numbers.count))
            if event.phase == .forward && event.name == .loss { stepLoss.append(event.value.first) }
        }
    }

    private var columns = Columns()
    /// The completed epochs: the event that closed each, and its summed loss.
    public private(set) var epochCloseEvents: [Int] = []
    public private(set) var epochLosses: [Double] = []

    public init() {}

    /// Events recorded so far.
    public var count: Int { columns.names.count }
    /// Sample steps recorded so far.
    public var stepCount: Int { columns.stepFirstEvent.count }

    public func receive(_ event: TraceEvent) {
        columns.append(event)
        if event.phase == .epoch {
            epochCloseEvents.append(columns.names.count - 1)
            epochLosses.append(event.value.first)
        }
    }

    private var names: ChunkedArray<TraceName> { columns.names }
    private var valueEnds: ChunkedArray<UInt32> { columns.valueEnds }
    private var numbers: ChunkedArray<Double> { columns.numbers }
    private var stepFirstEvent: ChunkedArray<UInt32> { columns.stepFirstEvent }
    private var stepEpoch: ChunkedArray<Int32> { columns.stepEpoch }
    private var stepSample: ChunkedArray<Int32> { columns.stepSample }
    private var stepLoss: ChunkedArray<Double> { columns.stepLoss }

    /// Where event `index`'s numbers start and end in `numbers`.
    private func valueRange(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(valueEnds[index - 1]))..<Int(valueEnds[index])
    }

    /// The recorded step that event `index` belongs to (0-based within this recording).
    public func stepPosition(ofEvent index: Int) -> Int {
        // The last step whose first event is at or before `index`.
        var low = 0, high = stepFirstEvent.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if Int(stepFirstEvent[mid]) <= index { low = mid } else { high = mid }
        }
        return low
    }

    /// The event range of recorded step `position`.
    public func eventRange(ofStep position: Int) -> Range<Int> {
        let start = Int(stepFirstEvent[position])
        let end = position + 1 < stepFirstEvent.count ? Int(stepFirstEvent[position + 1]) : names.count
        return start..<end
    }

    /// The first event of the first recorded step of `epoch`, if recorded.
    public func firstEvent(ofEpoch epoch: Int) -> Int? {
        // Epochs only grow along the recording: binary search for the first step of `epoch`.
        var low = 0, high = stepEpoch.count
        while low < high {
            let mid = (low + high) / 2
            if Int(stepEpoch[mid]) < epoch { low = mid + 1 } else { high = mid }
        }
        guard low < stepEpoch.count, Int(stepEpoch[low]) == epoch else { return nil }
        return Int(stepFirstEvent[low])
    }

    public func event(at index: Int) -> TraceEvent {
        let position = stepPosition(ofEvent: index)
        let range = valueRange(index)
        let value: TraceValue
        switch columns.shapes[index] {
        case 0:
            value = .scalar(range.isEmpty ? .nan : numbers[range.lowerBound])
        case 1:
            value = range.count == 2
                ? .pair(SIMD2(numbers[range.lowerBound], numbers[range.lowerBound + 1]))
                : .vector(range.map { numbers[$0] })
        case let shape:
            value = .matrix(range.map { numbers[$0] }, columns: Int(shape) - 100)
        }
        let phase = columns.phases[index]
        let sample = Int(stepSample[position])
        return TraceEvent(
            step: (columns.firstStep ?? 0) + position, epoch: Int(stepEpoch[position]),
            sample: phase == .epoch || sample < 0 ? nil : sample,
            phase: phase, name: names[index], value: value)
    }

    /// The network as it stands at event `index`: the latest weights published at or before it,
    /// in any phase. Before a step publishes its weights, the previous step's update is what the
    /// network holds.
    public func networkInForce(at index: Int) -> Network? {
        var found: [TraceName: [Double]] = [:]
        var i = index
        // A step publishes its weights within its first few events, so this looks back about one step.
        while i >= 0 {
            let name = names[i]
            if found[name] == nil, [.W, .b, .W1, .b1, .W2, .b2].contains(name) {
                found[name] = valueRange(i).map { numbers[$0] }
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
        var closed = 0
        var low = 0, high = epochCloseEvents.count
        while low < high {
            let mid = (low + high) / 2
            if epochCloseEvents[mid] <= index { low = mid + 1 } else { high = mid }
        }
        closed = low
        // The losses of this epoch's steps so far (the current one only once its loss exists).
        let epoch = stepEpoch[position]
        var first = position
        while first > 0 && stepEpoch[first - 1] == epoch { first -= 1 }
        let through = values.scalar(.forward, .loss) == nil ? position : position + 1
        let sampleLosses = first < through ? (first..<min(through, stepLoss.count)).map { stepLoss[$0] } : []
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
