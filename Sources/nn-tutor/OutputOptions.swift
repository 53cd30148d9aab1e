import ArgumentParser
import NNCore
import NNPlain
import NNTerminal

/// `--format`: what `--plain` writes.
enum PlainFormat: String, CaseIterable, ExpressibleByArgument {
    case text, jsonl, csv
    /// A lesson handout as Markdown (`--lesson` only).
    case markdown
    /// Progress for a teacher to collect (`nn-tutor progress` only: its `--format` is this one).
    case json
}

/// How the run is shown: full screen or plain, the drawing options, what the plain trace keeps,
/// and the gradient check's gate.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Write the trace to standard output instead of opening the full-screen walkthrough.")
    var plain = false

    @Option(help: ArgumentHelp("With --plain: text (for reading), jsonl (one event per line), csv (one row per step), markdown (a lesson handout, with --lesson); for 'nn-tutor progress', text or json. Implies --plain. (default: text)", valueName: "format"),
            completion: .list(PlainFormat.allCases.map(\.rawValue)))
    var format: PlainFormat?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("With --format text: print every Nth epoch (and the last) in full. (default: about 10 epochs in all)", valueName: "n"))
    var every: String?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Print only these trace names, a comma list such as W,dL_dW (each in every phase it appears in), in jsonl, csv and text; an unknown name is refused with the list of this setup's names. Implies --plain.",
        valueName: "names"))
    var names: String?

    @Option(name: .customLong("from-epoch"), parsing: .unconditional, help: ArgumentHelp(
        "Print the trace from this epoch on (from 0; training still starts at epoch 0). Implies --plain. (default: 0)", valueName: "A"))
    var fromEpoch: String?

    @Option(name: .customLong("to-epoch"), parsing: .unconditional, help: ArgumentHelp(
        "Print the trace up to this epoch, included (at most --epochs minus 1), and stop training after it, unless --max-rel-error must see the whole run. Implies --plain. (default: the last)", valueName: "B"))
    var toEpoch: String?

    @Option(name: .customLong("max-rel-error"), parsing: .unconditional, help: ArgumentHelp(
        "With --check-gradients: exit with status 1, and one line on standard error naming the worst relative error (parameter, epoch, sample), when any exceeds E (a NaN error counts as exceeding). Implies --plain.",
        valueName: "E"))
    var maxRelError: String?

    @Flag(help: "Draw with plain ASCII only (so does a locale that is not UTF-8, such as LANG=C).")
    var ascii = false

    @Flag(name: .customLong("no-color"), help: "Turn off colour (so does the NO_COLOR environment variable).")
    var noColor = false

    /// Plain output was asked for: by --plain, by naming a format, or by a flag that only the plain trace has.
    var wantsPlain: Bool { plain || format != nil || selectsTrace || maxRelError != nil }

    /// Whether --names, --from-epoch or --to-epoch was given.
    var selectsTrace: Bool { names != nil || fromEpoch != nil || toEpoch != nil }

    /// The one decision, for the walkthrough and every plain text alike: ASCII when asked for, or
    /// when the locale cannot show UTF-8 (LANG=C, LC_ALL=C).
    var drawsASCII: Bool { ascii || !CursesTerminal.localeIsUTF8() }

    mutating func validate() throws {
        if let every, (Int(every.trimmed) ?? 0) < 1 {
            throw ValidationError("--every must be a whole number 1 or more, got '\(every)'")
        }
        for (flag, value) in [("--from-epoch", fromEpoch), ("--to-epoch", toEpoch)] {
            if let value, SettingValues.integer(value, in: 0...Settings.Limits.epochs.upperBound) == nil {
                throw ValidationError("\(flag) must be a whole number of an epoch, 0 or more; got '\(value)'")
            }
        }
        if let maxRelError, Self.limit(maxRelError) == nil {
            throw ValidationError("--max-rel-error must be a number 0 or more, such as 1e-6; got '\(maxRelError)'")
        }
    }

    static func limit(_ text: String) -> Double? {
        SettingValues.number(text).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// The --every value, or a default that prints about ten epochs in full (of the range printed).
    func everyEpochs(forEpochs epochs: Int) -> Int {
        if let every, let n = Int(every.trimmed) { return n }
        return max(1, epochs / 10)
    }

    /// What the plain trace of these runs keeps, checked against them: names their schemas
    /// publish, epochs they train.
    func filter(for setups: [TrainingSetup]) throws -> TraceFilter {
        var filter = TraceFilter()
        if let names {
            let known = setups.map(TraceSchema.init(setup:)).flatMap(\.names).reduce(into: [String]()) { all, name in
                if !all.contains(name) { all.append(name) }
            }
            let asked = SettingValues.list(names)
            if asked.contains(where: \.isEmpty) {
                throw ValidationError("--names has an empty name in '\(names)'; this setup's trace names are \(known.joined(separator: ", "))")
            }
            if let unknown = asked.first(where: { !known.contains($0) }) {
                throw ValidationError("unknown --names '\(unknown)'; this setup's trace names are \(known.joined(separator: ", "))")
            }
            filter.names = Set(asked)
        }
        if fromEpoch != nil || toEpoch != nil {
            let epochs = setups.map(\.epochs).max() ?? 0
            guard epochs > 0 else {
                throw ValidationError("--from-epoch and --to-epoch choose epochs to print, and --epochs 0 trains none")
            }
            let from = fromEpoch.flatMap { SettingValues.integer($0, in: 0...Int.max) } ?? 0
            let to = toEpoch.flatMap { SettingValues.integer($0, in: 0...Int.max) } ?? epochs - 1
            for (flag, epoch) in [("--from-epoch", from), ("--to-epoch", to)] where epoch > epochs - 1 {
                throw ValidationError("\(flag) \(epoch) is past the last epoch: --epochs \(epochs) trains epochs 0 to \(epochs - 1)")
            }
            guard from <= to else { throw ValidationError("--from-epoch \(from) is after --to-epoch \(to)") }
            filter.epochs = from...to
        }
        return filter
    }

    /// `--max-rel-error`'s limit, checked against the runs: one of them must check gradients.
    /// - Parameter remedy: how to switch the check on where these setups come from.
    func gateLimit(for setups: [TrainingSetup], remedy: String = "add --check-gradients") throws -> Double? {
        guard let maxRelError, let limit = Self.limit(maxRelError) else { return nil }
        guard setups.contains(where: \.checkGradients) else {
            throw ValidationError("--max-rel-error gates the gradient check, which is off: \(remedy)")
        }
        return limit
    }
}
