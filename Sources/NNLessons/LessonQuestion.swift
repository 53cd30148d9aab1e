import Foundation
import NNCore

/// A predict-then-reveal question asked at a stop, before the value is shown.
public struct LessonQuestion: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// + / − / 0
        case sign
        /// up / down
        case direction
        /// one of `options`
        case choice
        /// a number within `tolerance`
        case number
    }

    /// The expected answer: written in the file, or read from the trace when the stop is reached.
    public enum Answer: Sendable, Equatable {
        case sign(Int)  // −1, 0, 1
        case direction(Int)  // −1 down, 1 up
        case option(Int)  // index into options
        case number(Double)
        /// `{{ref}}` or `−{{ref}}`: a live number; its sign, direction or value is the answer.
        case live(ValueReference, negated: Bool)
    }

    public var kind: Kind
    public var prompt: String
    public var options: [String]
    public var answer: Answer
    /// Absolute tolerance of a number question.
    public var tolerance: Double?
    public var feedback: String?
    public var hint: String?
    /// The line of `### Question`.
    public var line: Int
    /// The line of `answer:`, for diagnostics about a live answer.
    public var answerLine: Int

    public init(
        kind: Kind, prompt: String, options: [String] = [], answer: Answer, tolerance: Double? = nil,
        feedback: String? = nil, hint: String? = nil, line: Int = 0, answerLine: Int = 0
    ) {
        self.kind = kind
        self.prompt = prompt
        self.options = options
        self.answer = answer
        self.tolerance = tolerance
        self.feedback = feedback
        self.hint = hint
        self.line = line
        self.answerLine = answerLine
    }

    /// The expected answer as a number (sign −1/0/1, direction −1/1, option index, or value), nil if not yet known.
    func expectedNumber(_ snapshot: TraceSnapshot?) -> Double? {
        switch answer {
        case .sign(let s), .direction(let s), .option(let s): return Double(s)
        case .number(let v): return v
        case .live(let ref, let negated):
            guard let snapshot, let v = ref.scalar(in: snapshot) else { return nil }
            let value = negated ? -v : v
            switch kind {
            case .sign, .direction: return value > 0 ? 1 : (value < 0 ? -1 : 0)
            case .number, .choice: return value
            }
        }
    }

    /// The answer in words, for a handout or the reveal: "+", "−", "0", "up", "down", an option, or a number.
    public func answerText(snapshot: TraceSnapshot?) -> String {
        guard let expected = expectedNumber(snapshot) else { return "(not computed yet)" }
        switch kind {
        case .sign: return expected > 0 ? "+" : (expected < 0 ? "−" : "0")
        case .direction: return expected > 0 ? "up" : (expected < 0 ? "down" : "neither (no change)")
        case .choice:
            let i = Int(expected)
            return options.indices.contains(i) ? "\(Self.letter(i))) \(options[i])" : "?"
        case .number:
            guard let tolerance, tolerance > 0 else { return LessonFormat.number(expected) }
            return LessonFormat.number(expected) + " (± " + NumberFormat.parameter(tolerance) + ")"
        }
    }

    /// What the learner may type, for a prompt line.
    public var acceptedAnswersHelp: String {
        switch kind {
        case .sign: return "+, − or 0"
        case .direction: return "up or down"
        case .choice: return options.enumerated().map { "\(Self.letter($0.offset))) \($0.element)" }.joined(separator: "  ")
        case .number:
            guard let tolerance, tolerance > 0 else { return "a number" }
            return "a number within ± " + NumberFormat.parameter(tolerance)
        }
    }

    /// Checks a learner's answer. `snapshot` is the trace at the stop; it supplies live answers.
    public func check(answer typed: String, snapshot: TraceSnapshot?) -> QuestionFeedback {
        guard let expected = expectedNumber(snapshot) else {
            return QuestionFeedback(outcome: .invalid, message: "This answer is not computed yet at this point of the trace.")
        }
        guard let given = Self.read(typed, kind: kind, options: options) else {
            return QuestionFeedback(outcome: .invalid, message: "Please answer with " + acceptedAnswersHelp + ".")
        }
        let correct: Bool
        switch kind {
        case .number:
            // A hair of slack so an answer typed exactly at the edge (0.695 for 0.7 ± 0.005) is not lost to rounding.
            let slack = 1e-12 * max(1, abs(expected))
            correct = abs(given - expected) <= (tolerance ?? 0) + slack
        default: correct = given == expected
        }
        let reveal = answerText(snapshot: snapshot)
        var message = correct ? "Correct: " + reveal + "." : "Not quite: the answer is " + reveal + "."
        if let feedback, !feedback.isEmpty { message += " " + NarrativeRenderer.render(feedback, snapshot: snapshot) }
        return QuestionFeedback(outcome: correct ? .correct : .incorrect, message: message)
    }

    /// Reads a typed answer as a number of the question's kind, or nil if it is not a valid answer at all.
    static func read(_ typed: String, kind: Kind, options: [String]) -> Double? {
        let text = typed.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        switch kind {
        case .sign: return signWords[text].map(Double.init)
        case .direction: return directionWords[text].map(Double.init)
        case .choice:
            // Options are picked by letter (a, b, c) or by their exact text, never by position, so
            // options that are themselves numbers ("2 | 1000") cannot be misread.
            if text.count == 1, let i = letters.firstIndex(of: Character(text)), i < options.count { return Double(i) }
            if let i = options.firstIndex(where: { $0.lowercased() == text }) { return Double(i) }
            // "c)" or the whole revealed form "c) xor", typed back.
            if let close = text.firstIndex(of: ")"), text.distance(from: text.startIndex, to: close) == 1,
               let i = letters.firstIndex(of: text[text.startIndex]), i < options.count {
                let rest = text[text.index(after: close)...].trimmingCharacters(in: .whitespaces)
                if rest.isEmpty || rest == options[i].lowercased() { return Double(i) }
            }
            return nil
        case .number: return parseNumber(text)
        }
    }

    /// The letters options are picked by.
    static let letters: [Character] = Array("abcdefghijklmnopqrstuvwxyz")

    /// "a" for the first option.
    public static func letter(_ index: Int) -> String { index < letters.count ? String(letters[index]) : "?" }

    static let signWords: [String: Int] = [
        "+": 1, "positive": 1, "pos": 1, "plus": 1, "p": 1,
        "-": -1, "−": -1, "–": -1, "negative": -1, "neg": -1, "minus": -1, "n": -1,
        "0": 0, "zero": 0, "none": 0,
    ]
    static let directionWords: [String: Int] = [
        "up": 1, "u": 1, "increase": 1, "increases": 1, "higher": 1, "↑": 1, "+": 1,
        "down": -1, "d": -1, "decrease": -1, "decreases": -1, "lower": -1, "↓": -1, "-": -1, "−": -1,
        "neither": 0, "none": 0, "no change": 0, "0": 0,
    ]

    /// A finite decimal number; accepts "−" and "–" for minus.
    static func parseNumber(_ text: String) -> Double? {
        let ascii = text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "–", with: "-")
            .trimmingCharacters(in: .whitespaces)
        guard !ascii.isEmpty, ascii.count < 64,
            ascii.allSatisfy({ "0123456789+-.eE".contains($0) }),
            let v = Double(ascii), v.isFinite
        else { return nil }
        return v
    }
}

/// The result of checking an answer.
public struct QuestionFeedback: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case correct, incorrect
        /// Not an answer of the right kind ("maybe" to a sign question); ask again.
        case invalid
    }

    public var outcome: Outcome
    /// One or two sentences for the learner: the verdict, the answer, and the lesson's feedback text.
    public var message: String

    public var isCorrect: Bool { outcome == .correct }

    public init(outcome: Outcome, message: String) {
        self.outcome = outcome
        self.message = message
    }
}
