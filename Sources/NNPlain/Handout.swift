import NNCore
import NNLessons

/// `--plain --lesson X`: a lesson as a printed handout, its narrative interleaved with the trace.
///
/// The title and introduction come first, then `TextReport`'s setup lines, then the trace with
/// each stop's block (question, answer, feedback, narrative) right after the trace line of the
/// event the stop binds to, and `TextReport`'s summary at the end. So that a 1000-epoch lesson
/// stays readable, only epoch 0, the last epoch, every epoch holding a stop (and, with `every`,
/// every Nth epoch) are printed in full; the output says which.
public final class Handout {
    private let lesson: Lesson
    private let sink: OutputSink
    private let ascii: Bool
    private let every: Int?

    /// - Parameter every: also print every Nth epoch in full (`--every`); nil prints only the epochs above.
    public init(lesson: Lesson, sink: OutputSink, ascii: Bool, every: Int? = nil) {
        self.lesson = lesson
        self.sink = sink
        self.ascii = ascii
        self.every = every.map { max(1, $0) }
    }

    /// One stop, found in the trace, with the values it shows.
    struct PlacedStop {
        var index: Int
        var stop: LessonStop
        var eventIndex: Int
        var epoch: Int
        var snapshot: TraceSnapshot
    }

    /// Where each stop happens: a recorded run that ends as soon as the last stop is found.
    func placeStops() -> (placed: [PlacedStop], missing: [LessonStop]) {
        let (recorder, positions, _) = LessonChecker.run(lesson)
        var placed: [PlacedStop] = []
        var missing: [LessonStop] = []
        for (i, stop) in lesson.stops.enumerated() {
            if let position = positions[i] {
                let snapshot = recorder.snapshot(at: position)
                placed.append(PlacedStop(index: i, stop: stop, eventIndex: position, epoch: snapshot.event.epoch, snapshot: snapshot))
            } else {
                missing.append(stop)
            }
        }
        return (placed, missing)
    }

    /// The epochs printed in full.
    static func printedEpochs(epochs: Int, stopEpochs: [Int], every: Int?) -> Set<Int> {
        guard epochs > 0 else { return [] }
        var set: Set<Int> = [0, epochs - 1]
        set.formUnion(stopEpochs.filter { $0 >= 0 && $0 < epochs })
        if let every {
            set.formUnion(stride(from: 0, to: epochs, by: every))
        }
        return set
    }

    /// Writes the whole handout, stopping early if the sink closes.
    public func run() {
        let setup = lesson.setup
        let (placed, missing) = placeStops()
        let printed = Self.printedEpochs(epochs: setup.epochs, stopEpochs: placed.map(\.epoch), every: every)

        // The report drives training and supplies the setup lines and the summary; it writes them to
        // memory (printing only its first and last epoch there), and the handout's own printer,
        // attached to the same bus, writes the selected epochs and the stops to the real sink.
        let bus = TraceBus()
        let trainer = Trainer(setup: setup, bus: bus)
        let reportSink = OutputSink.memory()
        let report = TextReport(trainer: trainer, sink: reportSink, every: max(1, setup.epochs), ascii: ascii)
        let trace = HandoutTrace(
            sink: sink, setup: setup, ascii: ascii, printed: printed, stops: placed, stopCount: lesson.stops.count)
        trace.onFirstEvent = { [unowned self] in
            self.title()
            self.header(from: reportSink.text, printed: printed)
        }
        bus.attach(trace)
        report.run()
        if !trace.started {
            title()
            header(from: reportSink.text, printed: printed)
        }
        guard sink.isOpen else { return }
        for stop in missing {
            trace.line("Stop '\(stop.id)' (\(stop.title)) was not reached in this run; 'nn-tutor lesson check' says why.")
            trace.line("")
        }
        summary(from: reportSink.text)
        trace.line("")
        trace.line("End of the lesson: \(lesson.title)")
    }

    private func write(_ text: String) {
        sink.writeLine(ascii ? ASCIIFallback.transliterate(text) : text)
    }

    private func title() {
        let heading = "Lesson: \(lesson.title)"
        write(heading)
        write(String(repeating: "=", count: heading.count))
        let intro = lesson.intro.trimmingBlankLines
        if !intro.isEmpty {
            write("")
            for line in intro.split(separator: "\n", omittingEmptySubsequences: false) { write(String(line)) }
        }
        write("")
    }

    /// The report's setup lines (everything before its first blank line), without its note on which
    /// epochs it prints, which is about the report's own choice, not the handout's.
    private func header(from reportText: String, printed: Set<Int>) {
        let lines = reportText.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            if line.isEmpty { break }
            if line.hasPrefix("printing epoch 0,") { continue }
            sink.writeLine(String(line))  // already transliterated by the report
        }
        let epochs = lesson.setup.epochs
        if epochs > 0 && printed.count < epochs {
            let list = printed.sorted().map(String.init)
            let named = list.count == 1 ? list[0] : list.dropLast().joined(separator: ", ") + " and " + (list.last ?? "")
            var why = "the first, the last and each with a stop"
            if let every { why += ", and every \(every)th" }
            write("handout: epoch\(list.count == 1 ? "" : "s") \(named) of \(epochs) printed in full (\(why)); the others are left out")
        }
        write("")
    }

    /// The report's summary: from its last "Summary after" line to the end.
    private func summary(from reportText: String) {
        let lines = reportText.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.lastIndex(where: { $0.hasPrefix("Summary after") }) else { return }
        var tail = lines[start...]
        while tail.last?.isEmpty == true { tail.removeLast() }
        for line in tail { sink.writeLine(String(line)) }
    }
}

/// The handout's view of the bus: forwards the printed epochs to a `TextPrinter` and writes each
/// stop's block right after the printer's line for the stop's event.
final class HandoutTrace: TraceSubscriber {
    private let printer: TextPrinter
    private let printed: Set<Int>
    private let stopsAtEvent: [Int: [Handout.PlacedStop]]
    private let stopCount: Int
    private let ascii: Bool
    private var eventIndex = 0
    private var lastPrintedEpoch: Int?
    private(set) var started = false
    var onFirstEvent: (() -> Void)?

    init(sink: OutputSink, setup: TrainingSetup, ascii: Bool, printed: Set<Int>, stops: [Handout.PlacedStop], stopCount: Int) {
        printer = TextPrinter(sink: sink, setup: setup, every: 1, ascii: ascii)
        self.printed = printed
        stopsAtEvent = Dictionary(grouping: stops, by: \.eventIndex)
        self.stopCount = stopCount
        self.ascii = ascii
    }

    func line(_ text: String) { printer.line(text) }

    func receive(_ step: TraceStep) {
        let first = eventIndex
        let count = step.eventCount
        eventIndex += count
        if !started {
            started = true
            onFirstEvent?()
        }
        guard printed.contains(step.epoch) else { return }
        if lastPrintedEpoch != step.epoch {
            let previous = lastPrintedEpoch ?? -1
            if step.epoch > previous + 1 {
                let skipped = step.epoch - previous - 1
                line(skipped == 1
                    ? "… epoch \(previous + 1) left out …"
                    : "… epochs \(previous + 1) to \(step.epoch - 1) left out (\(skipped) epochs) …")
                line("")
            }
            lastPrintedEpoch = step.epoch
        }
        // Predict, then reveal: a stop's question comes before the trace line that shows its value;
        // the answer and the narrative follow that line.
        var from = 0
        for k in 0..<count {
            guard let here = stopsAtEvent[first + k] else { continue }
            printer.receive(step, records: from..<k)
            for placed in here { opening(placed) }
            printer.receive(step, records: k..<(k + 1))
            for placed in here { closing(placed) }
            from = k + 1
        }
        printer.receive(step, records: from..<count)
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

    private var rule: String { ascii ? "-" : "─" }

    /// A stop's heading and, if it asks one, its question: printed before the value is revealed.
    private func opening(_ placed: Handout.PlacedStop) {
        let stop = placed.stop
        let snapshot = placed.snapshot
        let where_ = placed.snapshot.event.sample.map { "epoch \(placed.epoch), sample \($0)" } ?? "end of epoch \(placed.epoch)"
        line("")
        line("  " + rule + rule + " Stop \(placed.index + 1) of \(stopCount): \(stop.title) (\(where_)) " + rule + rule)
        guard let question = stop.question else { return }
        line("  Question: " + NarrativeRenderer.render(question.prompt, snapshot: snapshot))
        line("  " + Self.answerBlank(question))
        if let hint = question.hint, !hint.isEmpty {
            line("  Hint: " + NarrativeRenderer.render(hint, snapshot: snapshot))
        }
        line("  (the next line of the trace reveals it)")
    }

    /// After the value's trace line: the answer, its feedback, and the stop's narrative.
    private func closing(_ placed: Handout.PlacedStop) {
        let stop = placed.stop
        let snapshot = placed.snapshot
        if let question = stop.question {
            line("")
            line("  Answer: " + question.answerText(snapshot: snapshot))
            if let feedback = question.feedback, !feedback.isEmpty {
                line("  " + NarrativeRenderer.render(feedback, snapshot: snapshot))
            }
            line("")
        }
        let narrative = NarrativeRenderer.render(stop.narrative, snapshot: snapshot).trimmingBlankLines
        for text in narrative.split(separator: "\n", omittingEmptySubsequences: false) {
            line(text.isEmpty ? "" : "  " + text)
        }
        line("  " + String(repeating: rule, count: 8))
        line("")
    }
}

extension String {
    /// Without blank lines at the start and the end.
    var trimmingBlankLines: String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false)
        while let first = lines.first, first.allSatisfy(\.isWhitespace) { lines.removeFirst() }
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
