/// Keeps the whole trace so a front end can step backwards and jump anywhere.
///
/// Storage is columnar: one byte each for name and phase, and every number in one flat
/// array of doubles, so a recorded sample step costs about 20 doubles plus 10 bytes an event.
public final class TraceRecorder: TraceSubscriber {
    private var names: [TraceName] = []
    private var phases: [TracePhase] = []
    /// valueEnds[i] is where event i's numbers end in `numbers`; they start at valueEnds[i - 1].
    private var valueEnds: [Int] = []
    /// Whether event i's value is a vector (a one-element vector is still a vector).
    private var isVector: [Bool] = []
    private var numbers: [Double] = []
    /// For each recorded sample step: its first event, epoch and sample index.
    private var stepFirstEvent: [Int] = []
    private var stepEpoch: [Int32] = []
    private var stepSample: [Int32] = []
    private var stepIndexOffset: Int?
    /// Each recorded step's forward-pass loss, for the running epoch sum.
    private var stepLoss: [Double] = []
    /// The completed epochs: the event that closed each, and its summed loss.
    public private(set) var epochCloseEvents: [Int] = []
    public private(set) var epochLosses: [Double] = []

    public init() {}

    /// Events recorded so far.
    public var count: Int { names.count }
    /// Sample steps recorded so far.
    public var stepCount: Int { stepFirstEvent.count }

    public func receive(_ event: TraceEvent) {
        let first = stepIndexOffset ?? event.step
        stepIndexOffset = first
        if event.step - first >= stepFirstEvent.count {
            stepFirstEvent.append(names.count)
            stepEpoch.append(Int32(clamping: event.epoch))
            stepSample.append(Int32(clamping: event.sample ?? -1))
        }
        names.append(event.name)
        phases.append(event.phase)
        switch event.value {
        case .scalar(let v):
            numbers.append(v)
            isVector.append(false)
        case .vector(let v):
            numbers.append(contentsOf: v)
            isVector.append(true)
        }
        valueEnds.append(numbers.count)
        if event.phase == .forward && event.name == .loss {
            stepLoss.append(event.value.first)
        }
        if event.phase == .epoch {
            epochCloseEvents.append(names.count - 1)
            epochLosses.append(event.value.first)
        }
    }

    /// The recorded step that event `index` belongs to (0-based within this recording).
    public func stepPosition(ofEvent index: Int) -> Int {
        // The last step whose first event is at or before `index`.
        var low = 0, high = stepFirstEvent.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if stepFirstEvent[mid] <= index { low = mid } else { high = mid }
        }
        return low
    }

    /// The event range of recorded step `position`.
    public func eventRange(ofStep position: Int) -> Range<Int> {
        let start = stepFirstEvent[position]
        let end = position + 1 < stepFirstEvent.count ? stepFirstEvent[position + 1] : names.count
        return start..<end
    }

    /// The first event of the first recorded step of `epoch`, if recorded.
    public func firstEvent(ofEpoch epoch: Int) -> Int? {
        guard let position = stepEpoch.firstIndex(where: { Int($0) >= epoch }), Int(stepEpoch[position]) == epoch
        else { return nil }
        return stepFirstEvent[position]
    }

    public func event(at index: Int) -> TraceEvent {
        let position = stepPosition(ofEvent: index)
        let start = index == 0 ? 0 : valueEnds[index - 1]
        let slice = Array(numbers[start..<valueEnds[index]])
        let value: TraceValue = isVector[index] ? .vector(slice) : .scalar(slice.first ?? .nan)
        let phase = phases[index]
        let sample = Int(stepSample[position])
        return TraceEvent(
            step: (stepIndexOffset ?? 0) + position, epoch: Int(stepEpoch[position]),
            sample: phase == .epoch || sample < 0 ? nil : sample,
            phase: phase, name: names[index], value: value)
    }

    /// The latest W and b published at or before event `index`, in any phase: before a step
    /// publishes its weights, the previous step's update is what the network holds.
    public func weightsInForce(at index: Int) -> Neuron? {
        var W: SIMD2<Double>?, b: Double?
        var i = index
        // A step publishes W and b within its first few events, so this looks back about one step.
        while i >= 0 && (W == nil || b == nil) {
            if W == nil, names[i] == .W, valueEnds[i] - (i == 0 ? 0 : valueEnds[i - 1]) == 2 {
                W = SIMD2(numbers[valueEnds[i] - 2], numbers[valueEnds[i] - 1])
            }
            if b == nil, names[i] == .b { b = numbers[valueEnds[i] - 1] }
            i -= 1
        }
        guard let W, let b else { return nil }
        return Neuron(W: W, b: b)
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
        let sampleLosses = first < through ? Array(stepLoss[first..<min(through, stepLoss.count)]) : []
        return TraceSnapshot(
            eventIndex: index, event: event(at: index), values: values,
            epochLosses: Array(epochLosses[0..<closed]), epochSampleLosses: sampleLosses,
            weightsInForce: weightsInForce(at: index))
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

    /// The weights the network holds at this moment (see `TraceRecorder.weightsInForce`).
    public var weightsInForce: Neuron?

    public init(eventIndex: Int, event: TraceEvent, values: StepValues, epochLosses: [Double],
                epochSampleLosses: [Double] = [], weightsInForce: Neuron? = nil) {
        self.eventIndex = eventIndex
        self.event = event
        self.values = values
        self.epochLosses = epochLosses
        self.epochSampleLosses = epochSampleLosses
        self.weightsInForce = weightsInForce
    }

    /// The weights in force: the updated ones once the update is published, else those used,
    /// else (at the very start of a step) those the previous step left.
    public var neuron: Neuron? {
        if let W = values.pair(.update, .W), let b = values.scalar(.update, .b) { return Neuron(W: W, b: b) }
        if let W = values.pair(.forward, .W), let b = values.scalar(.forward, .b) { return Neuron(W: W, b: b) }
        return weightsInForce
    }
}
