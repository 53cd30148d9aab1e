import NNCore
import NNLessons

/// `--plain --lesson X`: a lesson as a handout for a class, its text interleaved with the trace.
///
/// The title and introduction come first, then `TextReport`'s setup lines, then the trace around
/// each stop: the step that holds the stop, with `context` steps on either side (and, with
/// `every`, every Nth epoch in full); the steps in between are left out with a line saying so.
/// A stop's heading opens the steps printed for it (or, when it shares them with the stop before,
/// comes at its value); its question comes just before the trace line of the event it binds to,
/// and its answer, narrative and experiment after it, unless the answers are kept from the page
/// (`HandoutStopBlocks`). `TextReport`'s summary comes at the end, then the answer key.
public final class Handout {
    private let lesson: Lesson
    private let sink: OutputSink
    private let options: HandoutOptions
    private let page: HandoutPage

    public init(lesson: Lesson, sink: OutputSink, options: HandoutOptions = HandoutOptions()) {
        self.lesson = lesson
        self.sink = sink
        self.options = options
        page = HandoutPage(sink: sink, options: options)
    }

    /// One stop, found in the trace, with the values it shows.
    struct PlacedStop {
        var index: Int
        var stop: LessonStop
        var eventIndex: Int
        var epoch: Int
        var step: Int
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
                placed.append(PlacedStop(index: i, stop: stop, eventIndex: position, epoch: snapshot.event.epoch,
                                         step: snapshot.event.step, snapshot: snapshot))
            } else {
                missing.append(stop)
            }
        }
        return (placed, missing)
    }

    /// The sample steps printed in full, as sorted, disjoint, non-adjacent ranges: each stop's step
    /// with `context` steps either side, and every step of every Nth epoch.
    static func printedSteps(stopSteps: [Int], context: Int, every: Int?, epochs: Int, samplesPerEpoch: Int) -> [ClosedRange<Int>] {
        let total = epochs.multipliedReportingOverflow(by: samplesPerEpoch).partialValue
        guard total > 0 else { return [] }
        var ranges = stopSteps.map { max(0, $0 - context)...min(total - 1, $0.addingReportingOverflow(context).partialValue) }
        if let every {
            for epoch in stride(from: 0, to: epochs, by: every) {
                ranges.append(epoch * samplesPerEpoch...(epoch + 1) * samplesPerEpoch - 1)
            }
        }
        var merged: [ClosedRange<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// Writes the whole handout, stopping early if the sink closes.
    public func run() {
        let setup = lesson.setup
        let (placed, missing) = placeStops()

        // The report drives training and supplies the setup lines and the summary, written to
        // memory; the handout's trace, on the same bus, writes the chosen steps and the stops.
        let bus = TraceBus()
        let trainer = Trainer(setup: setup, bus: bus)
        let reportSink = OutputSink.memory()
        let report = TextReport(trainer: trainer, sink: reportSink, every: max(1, setup.epochs), ascii: false,
                                width: options.width)
        let printed = Self.printedSteps(stopSteps: placed.map(\.step), context: options.context, every: options.every,
                                        epochs: setup.epochs, samplesPerEpoch: trainer.samplesPerEpoch)
        let blocks = HandoutStopBlocks(lesson: lesson, page: page, options: options)
        let trace = HandoutTrace(page: page, setup: setup, printed: printed, stops: placed, blocks: blocks)
        var started = false
        func begin() {
            guard !started else { return }
            started = true
            title()
            header(from: reportSink.text, printed: printed, totalSteps: setup.epochs * trainer.samplesPerEpoch)
        }
        trace.onFirstEvent = begin
        bus.attach(trace)
        report.run()
        begin()
        guard sink.isOpen else { return }
        trace.finish()
        for stop in missing {
            page.sentence("Stop '\(stop.id)' (\(stop.title)) was not reached in this run; 'nn-tutor lesson check' says why.", indent: 0)
            page.blank()
        }
        summary(from: reportSink.text)
        // What to remember, as the walkthrough shows it when the lesson ends.
        let keyPoints = lesson.keyPoints.trimmingBlankLines
        if !keyPoints.isEmpty {
            page.heading("Key points")
            page.prose(keyPoints, indent: 0)
        }
        blocks.answerKey()
        page.blank()
        page.sentence("End of the lesson: \(lesson.title)", indent: 0)
        page.finish()
    }

    private func title() {
        page.title("Lesson: \(lesson.title)")
        let intro = lesson.intro.trimmingBlankLines
        if !intro.isEmpty {
            page.prose(intro, indent: 0)
            page.blank()
        }
    }

    /// The report's setup lines (everything before its first blank line) without its note on which
    /// epochs it prints, then what the handout prints.
    private func header(from reportText: String, printed: [ClosedRange<Int>], totalSteps: Int) {
        for line in reportText.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            if line.hasPrefix("printing epoch 0,") { continue }
            page.mono(String(line))
        }
        page.sentence(Self.note(printed: printed, totalSteps: totalSteps, options: options), indent: 0)
        page.blank()
    }

    /// "handout: steps 0, 4 to 6 and 812 of 4000 printed …; answers …".
    static func note(printed: [ClosedRange<Int>], totalSteps: Int, options: HandoutOptions) -> String {
        let count = printed.reduce(0) { $0 + $1.count }
        var text = "handout: "
        if count >= totalSteps {
            text += "every step printed"
        } else {
            let listed = printed.prefix(10).map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound) to \($0.upperBound)" }
            let more = printed.count > 10 ? " and \(printed.count - 10) more ranges" : ""
            let named = listed.count <= 1 ? listed.joined() : listed.dropLast().joined(separator: ", ") + (more.isEmpty ? " and " : ", ") + (listed.last ?? "")
            text += count == 0 ? "no step printed" : "step\(count == 1 ? "" : "s") \(named)\(more) of \(totalSteps) printed"
            var why = options.context == 0 ? "each stop's own step" : "each stop's step and \(options.context) on either side (--context)"
            if let every = options.every { why += ", and every \(every)th epoch" }
            text += " (\(why)); the others are left out"
        }
        switch options.answers {
        case .inline: text += "; answers after their questions"
        case .end: text += "; answers in a key at the end"
        case .none: text += "; no answers"
        }
        return text
    }

    /// The report's summary: from its last "Summary after" line to the end.
    private func summary(from reportText: String) {
        let lines = reportText.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.lastIndex(where: { $0.hasPrefix("Summary after") }) else { return }
        var tail = lines[start...]
        while tail.last?.isEmpty == true { tail.removeLast() }
        page.blank()
        for line in tail { page.mono(String(line)) }
        page.finish()
    }
}

/// The handout's view of the bus: passes the printed steps to a `TextPrinter` (whose lines go to
/// the page) and writes each stop's block right after the printer's line for the stop's event.
final class HandoutTrace: TraceSubscriber {
    private let page: HandoutPage
    private let printerSink = OutputSink.memory()
    private let printer: TextPrinter
    private let printed: [ClosedRange<Int>]
    /// The first range not wholly before the current step.
    private var nextRange = 0
    private let stopsAtEvent: [Int: [Handout.PlacedStop]]
    /// The stops in trace order, to head the steps printed for them.
    private let stops: [Handout.PlacedStop]
    private let blocks: HandoutStopBlocks
    private var eventIndex = 0
    private var lastPrintedStep: Int?
    private var lastStep = -1
    var onFirstEvent: (() -> Void)?

    init(page: HandoutPage, setup: TrainingSetup, printed: [ClosedRange<Int>], stops: [Handout.PlacedStop], blocks: HandoutStopBlocks) {
        self.page = page
        printer = TextPrinter(sink: printerSink, setup: setup, every: 1, ascii: false)
        self.printed = printed
        stopsAtEvent = Dictionary(grouping: stops, by: \.eventIndex)
        self.stops = stops
        self.blocks = blocks
    }

    private func prints(_ step: Int) -> Bool {
        while nextRange < printed.count && printed[nextRange].upperBound < step { nextRange += 1 }
        return nextRange < printed.count && printed[nextRange].contains(step)
    }

    /// The printer's lines so far, onto the page.
    private func flushPrinter() {
        let text = printerSink.takeText()
        guard !text.isEmpty else { return }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines { page.mono(String(line)) }
    }

    /// Steps left out end what a stop held back: the steps printed after them are not its own.
    private func gap(from first: Int, to last: Int) {
        guard last >= first else { return }
        page.holding = nil
        page.mono("")
        page.mono(first == last ? "… step \(first) left out …" : "… steps \(first) to \(last) left out (\(last - first + 1) steps) …")
        page.mono("")
    }

    func receive(_ step: TraceStep) {
        let first = eventIndex
        let count = step.eventCount
        eventIndex += count
        lastStep = step.step
        onFirstEvent?()
        onFirstEvent = nil
        guard prints(step.step) else {
            printer.pass(step)
            return
        }
        gap(from: (lastPrintedStep ?? -1) + 1, to: step.step - 1)
        // The first stop of a stretch of printed steps heads it: the steps before its value are its
        // own, not the previous stop's.
        if lastPrintedStep.map({ step.step > $0 + 1 }) ?? true,
           let first = stops.first(where: { printed[nextRange].contains($0.step) }) {
            blocks.heading(first)
        }
        lastPrintedStep = step.step
        // Predict, then reveal: a stop's question comes before the trace line that shows its value;
        // the answer and the narrative follow that line (or, with a key or none, are held back).
        var from = 0
        for k in 0..<count {
            guard let here = stopsAtEvent[first + k] else { continue }
            printer.receive(step, records: from..<k)
            flushPrinter()
            for placed in here { blocks.opening(placed) }
            page.holding = blocks.holding(here)
            printer.receive(step, records: k..<(k + 1))
            flushPrinter()
            for placed in here { blocks.closing(placed) }
            from = k + 1
        }
        printer.receive(step, records: from..<count)
        flushPrinter()
    }

    /// After the run: the steps left out after the last printed one.
    func finish() {
        gap(from: (lastPrintedStep ?? -1) + 1, to: lastStep)
        page.holding = nil
        page.finish()
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
