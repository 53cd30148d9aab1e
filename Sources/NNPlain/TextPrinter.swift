import NNCore

/// `--format text`: the trace for a learner reading along, or a printed handout.
///
/// Each equation is written as the notebook writes it, then with the numbers, then the
/// result, at the moment its value is published. `every` keeps long runs short: only every
/// Nth epoch (and the last) is printed in full.
public final class TextPrinter: TraceSubscriber {
    private let sink: OutputSink
    private let equations: any EquationSet
    private let ascii: Bool
    private let every: Int
    private let lastEpoch: Int
    private var values = StepValues()
    private var currentStep: Int?
    private var currentPhase: TracePhase?
    private var sampleLosses: [Double] = []

    /// - Parameters:
    ///   - every: print epochs 0, N, 2N, … and the last in full; others are skipped.
    public init(sink: OutputSink, setup: TrainingSetup, every: Int, ascii: Bool) {
        self.sink = sink
        equations = makeEquations(for: setup)
        self.ascii = ascii
        self.every = max(1, every)
        lastEpoch = setup.epochs - 1
    }

    /// Whether an epoch is printed in full.
    public func prints(epoch: Int) -> Bool {
        epoch % every == 0 || epoch == lastEpoch
    }

    public func line(_ text: String) {
        sink.writeLine(ascii ? ASCIIFallback.transliterate(text) : text)
    }

    public func receive(_ event: TraceEvent) {
        // Every epoch gets its loss line; --every decides which are printed in full.
        guard prints(epoch: event.epoch) else {
            if event.phase == .epoch { line("  epoch \(event.epoch) loss: " + NumberFormat.short(event.value.first)) }
            return
        }
        if event.phase == .epoch {
            let total = event.value.first
            let sum = equations.epochLoss(sampleLosses: sampleLosses, total: total)
            line("  epoch \(event.epoch) loss: \(sum.text)")
            line("")
            sampleLosses = []
            // A printed epoch may be followed by a long silence (--every): let the reader see it now.
            sink.flush()
            return
        }
        if event.step != currentStep {
            currentStep = event.step
            currentPhase = nil
            values = StepValues()
            if event.sample == 0 { line("Epoch \(event.epoch)") }
            line("  step \(event.step) · epoch \(event.epoch) · sample \(event.sample ?? 0)")
        }
        values.record(event)
        if event.phase == .forward && event.name == .loss { sampleLosses.append(event.value.first) }
        let key = TraceKey(event.phase, event.name)
        guard let equation = equations.line(completedBy: key, values) else { return }
        if equation.keys.contains(TraceKey(.forward, .x)) {
            line("    " + equation.symbolic)
            return
        }
        let heading = event.phase == currentPhase ? "" : event.phase.rawValue
        currentPhase = event.phase
        line("    " + heading.padding(to: 10) + equation.text)
        if let mistake = equation.mistake {
            line("    " + "".padding(to: 10) + "  " + mistake)
        }
    }
}

extension String {
    /// Pads with spaces on the right to `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
