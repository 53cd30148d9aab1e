import NNCore

/// `--format text`: the trace for a learner reading along, or a printed handout.
///
/// Each equation is written as the notebook writes it, then with the numbers, then the result,
/// at the moment its value is published; only the line a value completes is built. `every` keeps
/// long runs short: only every Nth epoch (and the last) is printed in full, and the others cost
/// no more than their one loss line.
public final class TextPrinter: TraceSubscriber {
    private let sink: OutputSink
    private let equations: Equations
    private let ascii: Bool
    /// The epochs printed in full.
    public let selection: EpochSelection
    /// `--names`: the lines kept.
    private let filter: TraceFilter
    private var sampleLosses: [Double] = []
    /// The phase whose heading was printed last in this step (a heading is printed once per phase).
    private var currentPhase: TracePhase?

    /// - Parameters:
    ///   - every: print epochs 0, N, 2N, … and the last in full; others are skipped.
    ///   - filter: `--names` keeps the lines showing those names; `--from-epoch`/`--to-epoch` the range printed.
    public init(sink: OutputSink, setup: TrainingSetup, every: Int, ascii: Bool, filter: TraceFilter = .everything) {
        self.sink = sink
        equations = Equations(setup: setup)
        self.ascii = ascii
        selection = EpochSelection(epochs: setup.epochs, range: filter.epochs, every: every)
        self.filter = filter
    }

    /// Whether an epoch is printed in full.
    public func prints(epoch: Int) -> Bool {
        selection.includes(epoch)
    }

    public func line(_ text: String) {
        sink.writeLine(ascii ? ASCIIFallback.transliterate(text) : text)
    }

    public func receive(_ step: TraceStep) {
        receive(step, records: 0..<step.eventCount)
    }

    /// Takes note of a step that is not printed (a handout prints only some): its loss still
    /// counts in its epoch's loss line, and an epoch that ends unprinted leaves nothing behind.
    public func pass(_ step: TraceStep) {
        if let loss = step.schema.entry(.loss), step.publishes(loss.id) { sampleLosses.append(step.scalar(loss)) }
        if step.endsEpoch { sampleLosses = [] }
    }

    /// Prints records `records` of a step (a handout interleaves its stops between them).
    public func receive(_ step: TraceStep, records: Range<Int>) {
        let schema = step.schema
        // --every decides which epochs are printed; the summary's sparkline shows every epoch's loss.
        guard prints(epoch: step.epoch) else { return }
        var values = StepValues(step, through: max(0, records.lowerBound - 1))
        if records.lowerBound == 0 {
            if step.sample == 0 { line("Epoch \(step.epoch)") }
            line("  step \(step.step) · epoch \(step.epoch) · sample \(step.sample)")
            currentPhase = nil
        }
        for k in records {
            let entry = schema.entries[schema.entryID(publishedAt: k, step.groups)]
            values.reveal(through: k)
            if entry.quantity == .loss { sampleLosses.append(step.scalar(entry)) }
            if entry.phase == .epoch {
                if entry.quantity == .epochLoss, filter.keeps(entry) {
                    let sum = equations.epochLoss(sampleLosses: sampleLosses, total: step.scalar(entry))
                    line("  epoch \(step.epoch) loss: \(sum.text)")
                    sampleLosses = []
                }
                if entry.id == schema.epochEntries.upperBound - 1 {
                    // The test-set line shows the epoch records other than the summed loss.
                    let showsTestSet = schema.epochEntries.contains { schema.entries[$0].quantity != .epochLoss && filter.keeps(schema.entries[$0]) }
                    if showsTestSet, let test = TestSetText.line(step) { line("  " + test) }
                    line("")
                    // A printed epoch may be followed by a long silence (--every): let the reader see it now.
                    sink.flush()
                }
                continue
            }
            guard let equation = equations.line(completedBy: entry.id, values), filter.keeps(equation, in: schema) else { continue }
            if equation.isGiven {
                line("    " + equation.symbolic)
                continue
            }
            let heading = entry.phase == currentPhase ? "" : entry.phase.rawValue
            currentPhase = entry.phase
            line("    " + heading.padding(to: 10) + equation.text)
            if let mistake = equation.mistake {
                line("    " + "".padding(to: 10) + "  " + mistake)
            }
        }
    }
}

/// The test-set records of an epoch in words.
enum TestSetText {
    static func line(_ step: TraceStep) -> String? {
        let schema = step.schema
        guard let trainLoss = schema.entry(.trainLoss), let testLoss = schema.entry(.testLoss),
              let trainAccuracy = schema.entry(.trainAccuracy), let testAccuracy = schema.entry(.testAccuracy) else { return nil }
        let F = NumberFormat.self
        return "mean loss: train \(F.short(step.scalar(trainLoss))), test \(F.short(step.scalar(testLoss)));"
            + " classified right: train \(F.percent(step.scalar(trainAccuracy))), test \(F.percent(step.scalar(testAccuracy)))"
    }
}

extension String {
    /// Pads with spaces on the right to `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
