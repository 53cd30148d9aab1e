import NNCore
import NNLessons

/// A stop on paper: its heading and question before the value is revealed, then the answer (or a
/// blank), the narrative and the experiment; and the answer key gathered for the end.
///
/// Predict, then reveal, on paper too: with `--answers none` or `end`, nothing after a question
/// gives its answer away. The stop's trace lines from the value it asks about (to the next stop,
/// or to the end of the steps printed around it) and its narrative and experiment are held back:
/// the key prints them under the stop's answer (`end`), the students' copy leaves them out (`none`).
final class HandoutStopBlocks {
    private let lesson: Lesson
    private let page: HandoutPage
    private let options: HandoutOptions
    /// The key's entries, in stop order: heading and answer, the feedback, and what was held back.
    private var key: [(heading: String, answer: String, feedback: String?, held: HandoutHeldBack?)] = []
    /// What each question's stop holds back, by stop index (none with `--answers inline`).
    private var held: [Int: HandoutHeldBack] = [:]
    /// The stops whose heading is printed.
    private var headed: Set<Int> = []

    init(lesson: Lesson, page: HandoutPage, options: HandoutOptions) {
        self.lesson = lesson
        self.page = page
        self.options = options
    }

    /// Where a reader of the paper writes an answer, with what kind of answer is expected: one
    /// line, or for options that do not fit on one (`room` columns), the options' line or one line
    /// per option, then the blank on a line of its own. Nil room: one line (Markdown wraps it).
    static func answerBlank(_ question: LessonQuestion, room: Int? = nil) -> [String] {
        let blank = "______"
        switch question.kind {
        case .sign, .direction:
            return ["Your answer (\(question.acceptedAnswersHelp)): \(blank)"]
        case .choice:
            let options = "Options: \(question.acceptedAnswersHelp)"
            let oneLine = options + "   Your answer: \(blank)"
            guard let room, oneLine.count > room else { return [oneLine] }
            let listed = options.count <= room ? [options]
                : ["Options:"] + question.options.enumerated().map { "  \(LessonQuestion.letter($0.offset))) \($0.element)" }
            return listed + ["Your answer: \(blank)"]
        case .number:
            let within = question.tolerance.map { ", within ± " + NumberFormat.parameter($0) } ?? ""
            return ["Your answer (a number\(within)): \(blank)"]
        }
    }

    /// What the stops at one event hold back, where the event's own trace line goes: the last
    /// question's (nil when none holds anything back).
    func holding(_ stops: [Handout.PlacedStop]) -> HandoutHeldBack? {
        stops.compactMap { held[$0.index] }.last
    }

    /// The stop's heading, once: where the steps printed for it begin, or else at its value.
    /// Whatever an earlier stop held back ends here.
    func heading(_ placed: Handout.PlacedStop) {
        page.holding = nil
        guard headed.insert(placed.index).inserted else { return }
        let snapshot = placed.snapshot
        let place = snapshot.event.sample.map { "epoch \(placed.epoch), sample \($0)" } ?? "end of epoch \(placed.epoch)"
        page.heading("Stop \(placed.index + 1) of \(lesson.stops.count): \(placed.stop.title) (\(place))")
    }

    /// The heading, if not printed yet, and the stop's question if it asks one: printed before the
    /// value is revealed.
    func opening(_ placed: Handout.PlacedStop) {
        heading(placed)
        let stop = placed.stop
        let snapshot = placed.snapshot
        guard let question = stop.question else { return }
        page.blank()
        page.prose(NarrativeRenderer.render(question.prompt, snapshot: snapshot), label: "Question:")
        // A sentence is indented 2 columns in text; Markdown keeps its line as written.
        for line in Self.answerBlank(question, room: options.format == .text ? options.width - 2 : nil) { page.sentence(line) }
        if let hint = question.hint, !hint.isEmpty {
            page.prose(NarrativeRenderer.render(hint, snapshot: snapshot), label: "Hint:")
        }
        switch options.answers {
        case .inline: page.sentence("(the next line of the trace reveals it)")
        case .end: page.sentence("(the worked answer is in the key at the end, under stop \(placed.index + 1))")
        case .none: page.sentence("(the worked answer is in the teacher's copy)")
        }
        page.blank()
        if options.answers != .inline { held[placed.index] = HandoutHeldBack() }
    }

    /// After the value's trace line: the answer and its feedback (inline) or their place in the
    /// key, the stop's narrative, and its experiment; held back if the stop's question is.
    func closing(_ placed: Handout.PlacedStop) {
        let stop = placed.stop
        let snapshot = placed.snapshot
        let outer = page.holding
        let mine = held[placed.index]
        page.holding = mine
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
                key.append(("Stop \(placed.index + 1) (\(stop.title))", answer, feedback, mine))
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
        // A stop held back already ended with its note; the trace goes on into what it holds.
        if mine == nil {
            if options.format == .text { page.mono("  " + String(repeating: options.ascii ? "-" : "─", count: 8)) }
            page.blank()
        }
        page.holding = mine ?? outer
    }

    /// The answers by stop, at the end (`--answers end`): a teacher hands out the pages before it.
    /// Each is followed by what its stop held back: the trace lines that show it, and the narrative.
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
            if let held = entry.held {
                page.write(held)
                page.blank()
            }
        }
    }
}
