import NNCore

/// Collects every published record as an event, for tests.
public final class TraceLog: TraceSubscriber {
    public var events: [TraceEvent] = []
    public var steps = 0

    public init() {}

    public func receive(_ step: TraceStep) {
        steps += 1
        let schema = step.schema
        for k in 0..<step.eventCount {
            let entry = schema.entries[schema.entryID(publishedAt: k, step.groups)]
            events.append(TraceEvent(step: step.step, epoch: step.epoch, sample: entry.phase == .epoch ? nil : step.sample,
                                     entry: entry, value: Array(step[entry])))
        }
    }

    /// A record's numbers by step, phase and name.
    public func value(step: Int, _ phase: TracePhase, _ name: String) -> [Double]? {
        events.first { $0.step == step && $0.phase == phase && $0.name == name }?.value
    }

    /// "phase name" of every record of a step, in order.
    public func names(step: Int) -> [String] {
        events.filter { $0.step == step }.map { "\($0.phase.rawValue) \($0.name)" }
    }

    /// Runs a setup for `steps` steps with a log attached.
    public static func run(_ setup: TrainingSetup, steps: Int = .max) -> TraceLog {
        let bus = TraceBus()
        let log = TraceLog()
        bus.attach(log)
        Trainer(setup: setup, bus: bus).run(steps: steps)
        return log
    }
}

/// A small deterministic generator for test inputs (not the numpy stream under test).
public struct SplitMix64: RandomNumberGenerator {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension StepValues {
    /// Values for a few entries by "phase.name", revealed up to the last of them (the rest NaN).
    public static func with(_ schema: TraceSchema, _ pairs: [(String, [Double])]) -> StepValues {
        var row = [Double](repeating: .nan, count: schema.rowWidth)
        var last = 0
        for (key, numbers) in pairs {
            guard let entry = schema.entries.first(where: { $0.description == key }) else { preconditionFailure(key) }
            row.replaceSubrange(entry.offset..<(entry.offset + numbers.count), with: numbers)
            last = max(last, entry.id)
        }
        return StepValues(schema: schema, row: row, groups: StepGroups(endsBatch: true, endsEpoch: false), known: last + 1)
    }
}
