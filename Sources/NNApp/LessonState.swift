import NNCore
import NNLessons

/// A lesson being taken in the walkthrough: where its stops fall in the trace, and the
/// learner's answers so far.
public struct LessonState {
    public let lesson: Lesson
    /// The lesson's place in the course (1-based), if it is a built-in lesson.
    public let number: Int?
    /// Finds stops as training proceeds; positions are event indices.
    var locator: StopLocator
    /// The outcome of each closed question (answered right, or skipped), by stop index.
    public internal(set) var feedback: [Int: QuestionFeedback] = [:]
    /// Wrong tries of each question, and the note on the latest while the question stays open.
    public internal(set) var tries: [Int: Int] = [:]
    public internal(set) var lastTry: [Int: String] = [:]
    public internal(set) var skipped: Set<Int> = []
    /// What the learner has typed for the open question.
    public internal(set) var answerInput = ""
    public internal(set) var showHint = false
    /// Lines scrolled in the lesson panel (PgUp / PgDn).
    public internal(set) var scroll = 0
    public internal(set) var completed = false
    /// Stops whose text the learner has read and moved on from, for the case where the next
    /// stop's question is asked on the same value: the text shows first, the question after.
    public internal(set) var continued: Set<Int> = []
    /// The introduction is on screen: at the start and after `[` back to it, even where the
    /// first stop binds to the first value (its question would be asked at once). A key that
    /// moves on leaves it.
    public internal(set) var showingIntroduction = true

    public init(lesson: Lesson, number: Int? = nil) {
        self.lesson = lesson
        self.number = number
        locator = StopLocator(lesson: lesson)
    }

    /// Each stop's event index, nil while training has not reached it.
    public var stopPositions: [Int?] { locator.positions }

    /// The stop whose text shows at `cursor`: the last one at or before it (nil: the introduction).
    public func stopShowing(at cursor: Int) -> Int? {
        if showingIntroduction { return nil }
        var showing: Int?
        for (i, position) in stopPositions.enumerated() {
            guard let position else { break }
            if position <= cursor { showing = i } else { break }
        }
        return showing
    }

    /// The stop whose question is asked at `cursor`, answered or not: a question is asked one
    /// event before its value is revealed (predict, then reveal).
    public func questionAsked(at cursor: Int) -> Int? {
        if showingIntroduction { return nil }
        for (i, position) in stopPositions.enumerated() {
            guard let position else { return nil }
            if lesson.stops[i].question != nil, max(0, position - 1) == cursor, position >= cursor {
                // A stop sitting on this very value is read first; its question waits for →.
                if stopWaiting(at: cursor, before: i) != nil { return nil }
                return i
            }
            if position > cursor { return nil }
        }
        return nil
    }

    /// A stop before `index` that is on `cursor` and not yet continued from: its text comes first.
    func stopWaiting(at cursor: Int, before index: Int) -> Int? {
        (0..<index).first { stopPositions[$0] == cursor && !continued.contains($0) }
    }

    /// The stop whose question is still waiting for an answer at `cursor`.
    public func pendingQuestion(at cursor: Int) -> Int? {
        questionAsked(at: cursor).flatMap { feedback[$0] == nil ? $0 : nil }
    }

    /// Where a forward move from `cursor` to `target` must stop: at the first stop on the way
    /// (one event early when its question is still open). Nil when no stop is on the way.
    func pause(movingFrom cursor: Int, to target: Int) -> (cursor: Int, stop: Int)? {
        for (i, position) in stopPositions.enumerated() {
            guard let position else { return nil }
            guard position > cursor else { continue }
            guard position <= target else { return nil }
            let asksFirst = lesson.stops[i].question != nil && feedback[i] == nil
            return (asksFirst ? max(cursor, position - 1) : position, i)
        }
        return nil
    }

    /// How the questions went: right at the first try, right after retries, skipped.
    public var scorecard: (right: Int, retried: Int, skipped: Int, asked: Int) {
        var right = 0, retried = 0
        for (i, result) in feedback where result.isCorrect {
            if (tries[i] ?? 0) == 0 { right += 1 } else { retried += 1 }
        }
        return (right, retried, skipped.count, lesson.stops.filter { $0.question != nil }.count)
    }
}
