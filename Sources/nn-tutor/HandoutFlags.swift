import ArgumentParser
import NNPlain

/// The flags that shape a lesson handout (`--plain --lesson L`); any of them implies --plain.
struct HandoutFlags: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Handout: wrap the text to N columns, \(HandoutOptions.widths.lowerBound) to \(HandoutOptions.widths.upperBound). (default: the terminal's width when standard output is one, else \(HandoutOptions.defaultWidth))",
        valueName: "n"))
    var width: String?

    @Option(help: ArgumentHelp(
        "Handout: where the answers go: none (a blank after each question, and nothing that gives it away: the students' copy), inline (after each question), or end (a blank, and an answer key at the end with the trace lines and text that show each answer). (default: \(HandoutOptions.defaultAnswers.rawValue))",
        valueName: "where"))
    var answers: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Handout: also print N sample steps before and after the step that holds each stop. (default: \(HandoutOptions.defaultContext), each stop's own step)",
        valueName: "n"))
    var context: String?

    /// The flags given, as typed, for messages.
    var given: [String] {
        [("--width", width), ("--answers", answers), ("--context", context)].compactMap { $0.1 == nil ? nil : $0.0 }
    }

    mutating func validate() throws {
        if let width, Self.number(width, in: HandoutOptions.widths) == nil {
            throw ValidationError("--width must be a whole number from \(HandoutOptions.widths.lowerBound) to \(HandoutOptions.widths.upperBound), got '\(width)'")
        }
        if let answers, HandoutAnswers(rawValue: answers.trimmed) == nil {
            throw ValidationError("--answers must be \(Self.answerChoices), got '\(answers)'")
        }
        if let context, Self.number(context, in: 0...HandoutOptions.maxContext) == nil {
            throw ValidationError("--context must be a whole number of steps from 0 to \(HandoutOptions.maxContext), got '\(context)'")
        }
    }

    /// "none, inline or end".
    static var answerChoices: String {
        let names = HandoutAnswers.allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    static func number(_ text: String, in range: ClosedRange<Int>) -> Int? {
        guard let n = Int(text.trimmed), range.contains(n) else { return nil }
        return n
    }

    /// The options for a handout, with the width of the terminal when standard output is one.
    func options(format: HandoutOptions.Format, every: Int?, ascii: Bool, terminalWidth: Int?) -> HandoutOptions {
        let chosen = width.flatMap { Self.number($0, in: HandoutOptions.widths) } ?? terminalWidth ?? HandoutOptions.defaultWidth
        return HandoutOptions(
            format: format, width: chosen, answers: answers.flatMap { HandoutAnswers(rawValue: $0.trimmed) } ?? HandoutOptions.defaultAnswers,
            context: context.flatMap { Self.number($0, in: 0...HandoutOptions.maxContext) } ?? HandoutOptions.defaultContext,
            every: every, ascii: ascii)
    }
}
