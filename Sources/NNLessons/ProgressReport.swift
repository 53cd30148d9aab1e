import Foundation

/// A learner's progress lesson by lesson, as `nn-tutor progress` shows it and exports it for a
/// teacher to collect: every lesson of the course in order, then progress saved for lessons the
/// course no longer has.
public struct ProgressReport: Codable, Sendable, Equatable {
    /// Says what the file is, for a teacher's script that collects many.
    public var format = "nn-tutor progress"
    public var version = 1
    public var lessons: [LessonReport]

    public struct LessonReport: Codable, Sendable, Equatable {
        /// The lesson's number in the course; nil for progress of a lesson no longer there.
        public var number: Int?
        public var id: String
        /// The key the progress file keeps it under ("custom:" before a teacher's lesson's id).
        public var key: String
        public var title: String?
        /// "built-in", "custom", or "unknown" (a lesson no longer in the course).
        public var source: String
        /// "completed", "in progress" or "not started".
        public var status: String
        /// The stop the learner was at, from 1.
        public var stop: Int?
        public var stops: Int?
        public var answers: [AnswerReport]
    }

    public struct AnswerReport: Codable, Sendable, Equatable {
        /// The stop's number, from 1; nil when the lesson has no such stop any more.
        public var stop: Int?
        public var stopId: String
        public var stopTitle: String?
        /// "right", "wrong" or "skipped".
        public var result: String
        /// Answers typed: for "right" the right one included, for "skipped" the wrong ones before.
        public var tries: Int
        /// The last answer typed ("" when skipped without one).
        public var answer: String
    }

    public init(lessons: [Lesson], progress: Progress) {
        var reports: [LessonReport] = []
        var listed: Set<String> = []
        for (i, lesson) in lessons.enumerated() {
            let key = lesson.progressKey
            listed.insert(key)
            reports.append(Self.report(key: key, saved: progress.lessons[key], lesson: lesson, number: i + 1))
        }
        for key in progress.lessons.keys.sorted() where !listed.contains(key) {
            reports.append(Self.report(key: key, saved: progress.lessons[key], lesson: nil, number: nil))
        }
        self.lessons = reports
    }

    static func report(key: String, saved: LessonProgress?, lesson: Lesson?, number: Int?) -> LessonReport {
        let saved = saved ?? LessonProgress()
        let started = saved.stopIndex != nil || saved.eventIndex != nil || !saved.answers.isEmpty
        let status = saved.completed ? "completed" : (started ? "in progress" : "not started")
        let stops = lesson?.stops ?? []
        let order = Dictionary(stops.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        // In the lesson's stop order; answers to stops it no longer has last, by id.
        let answers = saved.answers.sorted { a, b in
            (order[a.key] ?? Int.max, a.key) < (order[b.key] ?? Int.max, b.key)
        }.map { stopID, answer in
            let index = order[stopID]
            let result = answer.wasSkipped ? "skipped" : (answer.correct ? "right" : "wrong")
            return AnswerReport(stop: index.map { $0 + 1 }, stopId: stopID, stopTitle: index.map { stops[$0].title },
                                result: result, tries: answer.attempts ?? (answer.wasSkipped ? 0 : 1), answer: answer.answer)
        }
        let id = lesson?.id ?? (key.hasPrefix(Lesson.customPrefix) ? String(key.dropFirst(Lesson.customPrefix.count)) : key)
        let source = lesson.map { $0.isBuiltIn ? "built-in" : "custom" } ?? "unknown"
        return LessonReport(number: number, id: id, key: key, title: lesson?.title, source: source, status: status,
                            stop: saved.stopIndex.map { $0 + 1 }, stops: lesson.map { $0.stops.count }, answers: answers)
    }

    /// The report as JSON: snake_case keys, sorted, indented.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
