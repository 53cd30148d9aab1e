#if canImport(Glibc)
import Glibc
#endif
import NNCore
import NNPlain

/// `--plain`: trains the setup with a printer attached to the bus and writes the trace to stdout.
struct PlainRun {
    let setup: TrainingSetup
    let output: OutputOptions

    /// Runs to the end (or until stdout closes) and returns the exit status.
    func run() -> Int32 {
        let sink = OutputSink()
        let bus = TraceBus()
        let trainer = Trainer(setup: setup, bus: bus)
        switch output.format ?? .text {
        case .jsonl:
            bus.attach(JSONLPrinter(sink: sink))
            trainer.run(while: { sink.isOpen })
        case .csv:
            bus.attach(CSVPrinter(sink: sink, schema: trainer.schema))
            trainer.run(while: { sink.isOpen })
        case .text, .markdown, .json:  // markdown and json are not traces; the command refuses them first
            let report = TextReport(trainer: trainer, sink: sink, every: output.everyEpochs(forEpochs: setup.epochs), ascii: output.ascii)
            report.run()
        }
        return Self.finish(sink, writing: "the trace")
    }

    /// `--compare` as two columns of text.
    func runComparison(labels: [String], setups: [TrainingSetup]) -> Int32 {
        let sink = OutputSink()
        let runs = zip(labels, setups).map { (label: $0, trainer: Trainer(setup: $1, bus: TraceBus())) }
        let epochs = setups.map(\.epochs).max() ?? 0
        ComparisonReport(runs: runs, sink: sink, every: output.everyEpochs(forEpochs: epochs), ascii: output.ascii).run()
        return Self.finish(sink, writing: "the trace")
    }

    /// Flushes and turns the sink's state into an exit status, with a one-line message on failure.
    static func finish(_ sink: OutputSink, writing what: String) -> Int32 {
        sink.flush()
        switch sink.state {
        case .open, .closed:
            return 0  // a reader that stops early (`| head`) is not an error
        case .failed(let reason):
            Stderr.line("nn-tutor: cannot write \(what) to standard output: \(reason)")
            return 1
        }
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
