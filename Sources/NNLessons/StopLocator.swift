import NNCore

/// Finds where a lesson's stops happen in a recorded trace, in order.
///
/// Each stop is looked for at or after the event of the stop before it, so a condition such as
/// "epoch loss below 0.05" means its first occurrence after the previous stop. It works as training
/// proceeds: call `advance(recorder:)` after each batch of steps; it scans only the new events.
public struct StopLocator: Sendable {
    public let stops: [LessonStop]
    /// The event index of each stop, nil while it has not been found.
    public private(set) var positions: [Int?]
    /// The next recorder event to examine.
    public private(set) var scanned = 0
    private var next = 0
    // Condition state, carried across events.
    private var currentY: Double?
    private var epochAllRight = true
    private var forwardW: SIMD2<Double>?
    private var forwardB: Double?

    public init(lesson: Lesson) {
        stops = lesson.stops
        positions = Array(repeating: nil, count: lesson.stops.count)
    }

    /// True when every stop has been found.
    public var isComplete: Bool { next >= stops.count }

    /// Examines the events recorded since the last call.
    public mutating func advance(recorder: TraceRecorder) {
        while scanned < recorder.count {
            let event = recorder.event(at: scanned)
            examine(event, index: scanned)
            scanned += 1
        }
    }

    /// Every stop's event index in a complete recording.
    public static func locate(lesson: Lesson, recorder: TraceRecorder) -> [Int?] {
        var locator = StopLocator(lesson: lesson)
        locator.advance(recorder: recorder)
        return locator.positions
    }

    private mutating func examine(_ event: TraceEvent, index: Int) {
        // Update the condition state first, so a condition can be met by this very event.
        var signChanged: Set<Parameter> = []
        var epochClosedAllRight = false
        switch (event.phase, event.name) {
        case (.forward, .y): currentY = event.value.first
        case (.forward, .yHat):
            if let y = currentY {
                let yHat = event.value.first
                let right = y >= 0.5 ? yHat > 0.5 : yHat < 0.5
                if !right { epochAllRight = false }
            }
        case (.forward, .W): forwardW = pair(event.value)
        case (.forward, .b): forwardB = event.value.first
        case (.update, .W):
            if let before = forwardW, let after = pair(event.value) {
                if sign(before.x) != sign(after.x) { signChanged.insert(.w0) }
                if sign(before.y) != sign(after.y) { signChanged.insert(.w1) }
            }
        case (.update, .b):
            if let before = forwardB, sign(before) != sign(event.value.first) { signChanged.insert(.b) }
        case (.epoch, .loss):
            epochClosedAllRight = epochAllRight
            epochAllRight = true
        default: break
        }
        while next < stops.count {
            let matched: Bool
            switch stops[next].trigger {
            case .point(let p):
                matched = event.epoch == p.epoch && event.sample == p.sample && event.phase == p.phase && event.name == p.name
            case .epochLossBelow(let v): matched = event.phase == .epoch && event.value.first < v
            case .epochLossAbove(let v): matched = event.phase == .epoch && event.value.first > v
            case .signChange(let p):
                matched = signChanged.contains(p)
            case .allClassified: matched = event.phase == .epoch && epochClosedAllRight
            }
            guard matched else { break }
            positions[next] = index
            next += 1
        }
    }

    private func pair(_ v: TraceValue) -> SIMD2<Double>? {
        let c = v.components
        return c.count == 2 ? SIMD2(c[0], c[1]) : nil
    }

    private func sign(_ v: Double) -> Int { v > 0 ? 1 : (v < 0 ? -1 : 0) }
}
