import ArgumentParser

/// `--format`: what `--plain` writes.
enum PlainFormat: String, CaseIterable, ExpressibleByArgument {
    case text, jsonl, csv
    /// A lesson handout as Markdown (`--lesson` only).
    case markdown
    /// Progress for a teacher to collect (`nn-tutor progress` only: its `--format` is this one).
    case json
}

/// How the run is shown: full screen or plain, and the drawing options.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Write the trace to standard output instead of opening the full-screen walkthrough.")
    var plain = false

    @Option(help: ArgumentHelp("With --plain: text (for reading), jsonl (one event per line), csv (one row per step), markdown (a lesson handout, with --lesson); for 'nn-tutor progress', text or json. Implies --plain. (default: text)", valueName: "format"))
    var format: PlainFormat?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("With --format text: print every Nth epoch (and the last) in full. (default: about 10 epochs in all)", valueName: "n"))
    var every: String?

    @Flag(help: "Draw with plain ASCII only.")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "Turn off colour (so does the NO_COLOR environment variable).")
    var noColor = false

    /// Plain output was asked for, by --plain or by naming a format.
    var wantsPlain: Bool { plain || format != nil }

    mutating func validate() throws {
        if let every, (Int(every.trimmed) ?? 0) < 1 {
            throw ValidationError("--every must be a whole number 1 or more, got '\(every)'")
        }
    }

    /// The --every value, or a default that prints about ten epochs in full.
    func everyEpochs(forEpochs epochs: Int) -> Int {
        if let every, let n = Int(every.trimmed) { return n }
        return max(1, epochs / 10)
    }
}
