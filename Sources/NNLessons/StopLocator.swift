import NNCore

/// Finds where a lesson's stops happen in a recorded trace, in order.
///
/// Each stop is looked for at or after the event of the stop before it, so a condition such as
/// "epoch loss below 0.05" means its first occurrence after the previous stop. It works as training
/// proceeds: call `advance(recorder:)` after each batch of steps; it scans only the new steps.
public struct StopLocator: Sendable {
    public let stops: [LessonStop]
    /// The event index of each stop, nil while it has not been found.
    public private(set) var positions: [Int?]
    /// The next recorded step to examine.
    public private(set) var scannedSteps = 0
    private var next = 0
    /// The event of the last stop found: the next one is at or after it.
    private var earliest = 0
    /// Whether every trained sample of the epoch in progress was classified right so far.
    private var epochAllRight = true

    public init(lesson: Lesson) {
        stops = lesson.stops
        positions = Array(repeating: nil, count: lesson.stops.count)
    }

    /// True when every stop has been found.
    public var isComplete: Bool { next >= stops.count }

    /// Examines the steps recorded since the last call.
    public mutating func advance(recorder: TraceRecorder) {
        guard let schema = recorder.schema else { return }
        while scannedSteps < recorder.stepCount && !isComplete {
            examine(recorder.recordedStep(scannedSteps), schema: schema)
            scannedSteps += 1
        }
    }

    /// Every stop's event index in a complete recording.
    public static func locate(lesson: Lesson, recorder: TraceRecorder) -> [Int?] {
        var locator = StopLocator(lesson: lesson)
        locator.advance(recorder: recorder)
        return locator.positions
    }

    private mutating func examine(_ step: RecordedStep, schema: TraceSchema) {
        let L = schema.layers
        // Classification is judged at the step's ŷ; the epoch's verdict at its loss record.
        if let yHat = schema.entry(.output, layer: L), let y = schema.entry(.target),
           !Classification.isRight(yHat: step.row[yHat.offset], y: step.row[y.offset]) {
            epochAllRight = false
        }
        let allRight = epochAllRight
        if step.groups.endsEpoch { epochAllRight = true }
        func event(_ entry: TraceEntry?) -> Int? {
            guard let entry, let k = schema.publicationIndex(of: entry.id, step.groups) else { return nil }
            return step.firstEvent + k
        }
        while next < stops.count {
            var found: Int?
            switch stops[next].trigger {
            case .point(let p):
                if step.epoch == p.epoch, p.sample == nil || p.sample == step.sample { found = event(p.entry) }
            case .epochRecord(let entry, let below, let threshold):
                if step.groups.endsEpoch {
                    let value = step.row[entry.offset]
                    if below ? value < threshold : value > threshold { found = event(entry) }
                }
            case .signChange(let reference, _):
                if step.groups.endsBatch, case .value(let forward, let range, _) = reference.kind,
                   let after = schema.entry(forward.quantity, layer: forward.layer, phase: .update) {
                    let before = step.row[forward.offset + range.lowerBound], now = step.row[after.offset + range.lowerBound]
                    if Self.sign(before) != Self.sign(now) { found = event(after) }
                }
            case .allClassified:
                if step.groups.endsEpoch && allRight { found = event(schema.entry(.epochLoss)) }
            }
            guard let index = found, index >= earliest else { break }
            positions[next] = index
            earliest = index
            next += 1
        }
    }

    private static func sign(_ v: Double) -> Int { v > 0 ? 1 : (v < 0 ? -1 : 0) }
}
