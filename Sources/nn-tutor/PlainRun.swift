#if canImport(Glibc)
import Glibc
#endif
import NNCore
import NNPlain

/// `--plain`: trains with a printer attached to the bus and writes the trace to stdout: text, or
/// JSONL and CSV opened by the run's setup record. `--compare` writes two runs.
struct PlainRun {
    let output: OutputOptions
    /// `--names`, `--from-epoch`, `--to-epoch`, checked against the setups.
    let filter: TraceFilter
    /// `--max-rel-error`.
    let gateLimit: Double?

    /// One run to the end (or until stdout closes); returns the exit status.
    func run(_ setup: TrainingSetup) -> Int32 {
        let sink = OutputSink()
        let trainer = Trainer(setup: setup, bus: TraceBus())
        let gate = attachGate(to: trainer, run: nil)
        switch output.format ?? .text {
        case .jsonl:
            sink.writeLine(SetupRecord(trainer: trainer, filter: filter).jsonLine)
            trainer.bus.attach(JSONLPrinter(sink: sink, filter: filter))
            train(trainer, sink: sink, gated: gate != nil)
        case .csv:
            SetupRecord(trainer: trainer, filter: filter).csvComments.forEach(sink.writeLine)
            trainer.bus.attach(CSVPrinter(sink: sink, schema: trainer.schema, filter: filter))
            train(trainer, sink: sink, gated: gate != nil)
        case .text, .markdown, .json:  // markdown and json are not traces; the command refuses them first
            let every = output.everyEpochs(forEpochs: filter.epochs.map(\.count) ?? setup.epochs)
            TextReport(trainer: trainer, sink: sink, every: every, ascii: output.drawsASCII, filter: filter,
                       stopsAfterLastPrinted: gate == nil).run()
        }
        return Self.finish(sink, writing: "the trace", gates: [gate].compactMap { $0 })
    }

    /// `--compare`: two runs as two columns of text, or one after the other in JSONL or CSV, each
    /// record naming its run.
    func runComparison(labels: [String], setups: [TrainingSetup], columns: Int?) -> Int32 {
        let sink = OutputSink()
        let trainers = setups.map { Trainer(setup: $0, bus: TraceBus()) }
        let gates = zip(labels, trainers).compactMap { attachGate(to: $1, run: $0) }
        switch output.format ?? .text {
        case .jsonl:
            // Both setup records first, so the file's opening lines say what the two runs are.
            for (label, trainer) in zip(labels, trainers) {
                sink.writeLine(SetupRecord(trainer: trainer, filter: filter, run: label).jsonLine)
            }
            for (label, trainer) in zip(labels, trainers) where sink.isOpen {
                trainer.bus.attach(JSONLPrinter(sink: sink, filter: filter, run: label))
                train(trainer, sink: sink, gated: !gates.isEmpty)
            }
        case .csv:
            for (label, trainer) in zip(labels, trainers) {
                SetupRecord(trainer: trainer, filter: filter, run: label).csvComments.forEach(sink.writeLine)
            }
            let columns = CSVPrinter.columns(trainers.map(\.schema), filter: filter)
            sink.writeLine((["run"] + CSVPrinter.counters + columns).joined(separator: ","))
            for (label, trainer) in zip(labels, trainers) where sink.isOpen {
                trainer.bus.attach(CSVPrinter(sink: sink, schema: trainer.schema, filter: filter, run: label, columns: columns))
                train(trainer, sink: sink, gated: !gates.isEmpty)
            }
        case .text, .markdown, .json:
            let epochs = filter.epochs.map(\.count) ?? setups.map(\.epochs).max() ?? 0
            let width = columns.map(ComparisonReport.columnWidth(forLine:)) ?? ComparisonReport.defaultWidth
            ComparisonReport(runs: Array(zip(labels, trainers)).map { (label: $0, trainer: $1) }, sink: sink,
                             every: output.everyEpochs(forEpochs: epochs), ascii: output.drawsASCII, width: width, filter: filter,
                             stopsAfterLastPrinted: gates.isEmpty).run()
        }
        return Self.finish(sink, writing: "the trace", gates: gates)
    }

    /// With `--max-rel-error`, a gate on the run's bus when it checks gradients.
    private func attachGate(to trainer: Trainer, run: String?) -> GradientGate? {
        guard let gateLimit, let written = output.maxRelError, trainer.setup.checkGradients else { return nil }
        let gate = GradientGate(limit: gateLimit, written: written.trimmed, run: run)
        trainer.bus.attach(gate)
        return gate
    }

    /// Trains while the reader is there; past the last epoch printed nothing more is written, so
    /// training stops there too, unless a gate must see the whole run.
    private func train(_ trainer: Trainer, sink: OutputSink, gated: Bool) {
        let last = gated ? nil : filter.lastEpoch
        trainer.run(while: { sink.isOpen && last.map { trainer.epoch <= $0 } ?? true })
    }

    /// Flushes and turns the sink's state and the gates into an exit status, with a one-line
    /// message on failure.
    static func finish(_ sink: OutputSink, writing what: String, gates: [GradientGate] = []) -> Int32 {
        sink.flush()
        switch sink.state {
        case .open:
            break
        case .closed:
            return 0  // a reader that stops early (`| head`) is not an error
        case .failed(let reason):
            Stderr.line("nn-tutor: cannot write \(what) to standard output: \(reason)")
            return 1
        }
        // The worse of two runs' gates speaks; one line either way.
        if let failed = gates.filter(\.failed).max(by: { GradientGate.isWorse($1.worst?.error ?? 0, than: $0.worst?.error) }) {
            Stderr.line("nn-tutor: " + failed.summary)
            return 1
        }
        return 0
    }
}

/// One-line messages to standard error.
enum Stderr {
    static func line(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        bytes.withUnsafeBytes { raw in
            _ = write(2, raw.baseAddress, raw.count)
        }
    }
}
