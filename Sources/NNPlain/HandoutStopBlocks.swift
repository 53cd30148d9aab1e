import NNCore
import NNLessons

/// A stop on paper: its heading and question before the value is revealed, then the answer (or a
/// blank), the narrative and the experiment; and the answer key gathered for the end.
final class HandoutStopBlocks {
    private let lesson: Lesson
    private let page: HandoutPage
    private let options: HandoutOptions
    /// The key's entries, in stop order: heading and answer, and the feedback.
    private var key: [(heading: String, answer: String, feedback: String?)] = []

    init(lesson: Lesson, page: HandoutPage, options: HandoutOptions) {
        self.lesson = lesson
        self.page = page
        self.options = options
    }

    /// Where a reader of the paper writes an answer, with what kind of answer is expected.
    static func answerBlank(_ question: LessonQuestion) -> String {
        let blank = "______"
        switch question.kind {
        case .sign, .direction:
            return "Your answer (\(question.acceptedAnswersHelp)): \(blank)"
        case .choice:
            return "Options: \(question.acceptedAnswersHelp)   Your answer: \(blank)"
        case .number:
            let within = question.tolerance.map { ", within ± " + NumberFormat.parameter($0) } ?? ""
            return "Your answer (a number\(within)): \(blank)"
        }
    }

    /// The heading and, if the stop asks one, its question: printed before the value is revealed.
    func opening(_ placed: Handout.PlacedStop) {
        let stop = placed.stop
        let snapshot = placed.snapshot
        let place = snapshot.event.sample.map { "epoch \(placed.epoch), sample \($0)" } ?? "end of epoch \(placed.epoch)"
        page.heading("Stop \(placed.index + 1) of \(lesson.stops.count): \(stop.title) (\(place))")
        guard let question = stop.question else { return }
        page.prose(NarrativeRenderer.render(question.prompt, snapshot: snapshot), label: "Question:")
        page.sentence(Self.answerBlank(question))
        if let hint = question.hint, !hint.isEmpty {
            page.prose(NarrativeRenderer.render(hint, snapshot: snapshot), label: "Hint:")
        }
        switch options.answers {
        case .inline: page.sentence("(the next line of the trace reveals it)")
        case .end: page.sentence("(the answer is in the key at the end, under stop \(placed.index + 1))")
        case .none: break
        }
        page.blank()
    }

    /// After the value's trace line: the answer and its feedback (inline) or their place in the
    /// key, the stop's narrative, and its experiment.
    func closing(_ placed: Handout.PlacedStop) {
        let stop = placed.stop
        let snapshot = placed.snapshot
        page.blank()
        if let question = stop.question {
            let answer = question.answerText(snapshot: snapshot)
            let feedback = question.feedback.flatMap { $0.isEmpty ? nil : NarrativeRenderer.render($0, snapshot: snapshot) }
            switch options.answers {
            case .inline:
                page.sentence("Answer: " + answer)
                if let feedback { page.prose(feedback) }
                page.blank()
            case .end:
                key.append(("Stop \(placed.index + 1) (\(stop.title))", answer, feedback))
            case .none:
                break
            }
        }
        let narrative = NarrativeRenderer.render(stop.narrative, snapshot: snapshot).trimmingBlankLines
        if !narrative.isEmpty {
            page.prose(narrative)
            page.blank()
        }
        if let experiment = stop.experiment {
            let table = HandoutExperiment(experiment, setup: lesson.setup, epoch: placed.epoch).table(width: options.width)
            page.sentence(table.intro)
            for row in table.rows { page.mono(row) }
            if let note = table.note { page.sentence(note) }
            page.blank()
        }
        if options.format == .text { page.mono("  " + String(repeating: options.ascii ? "-" : "─", count: 8)) }
        page.blank()
    }

    /// The answers by stop, at the end (`--answers end`): a teacher hands out the pages before it.
    func answerKey() {
        guard options.answers == .end, !key.isEmpty else { return }
        page.heading("Answer key")
        for entry in key {
            if options.format == .markdown {
                page.prose(HandoutPage.escaped(entry.answer) + (entry.feedback.map { " — " + $0 } ?? ""),
                           label: entry.heading + ":")
            } else {
                page.sentence(entry.heading + ": " + entry.answer, indent: 0)
                if let feedback = entry.feedback { page.prose(feedback) }
                page.blank()
            }
        }
    }
}
