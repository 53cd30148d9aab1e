import ArgumentParser
import NNCore

/// The flags that choose what is trained, shared by every way of running. Each is read through
/// the one settings table (`Settings`), as lesson files and `--compare` are.
struct TrainingOptions: ParsableArguments {
    @Option(help: Self.help("dataset"), completion: Self.completion("dataset")) var dataset: String?
    @Option(help: ArgumentHelp("Train on your own data: a CSV file with columns x1, x2 and y (0 or 1), one row per sample, trained in file order. Not with --dataset.", valueName: "file"),
            completion: .file(extensions: ["csv"]))
    var data: String?
    @Option(parsing: .unconditional, help: Self.help("samples")) var samples: String?
    @Option(parsing: .unconditional, help: Self.help("noise")) var noise: String?
    @Option(name: .customLong("data-seed"), parsing: .unconditional, help: Self.help("data_seed")) var dataSeed: String?
    @Option(name: .customLong("test-percent"), parsing: .unconditional, help: Self.help("test_percent")) var testPercent: String?
    @Option(name: .customLong("lr"), parsing: .unconditional, help: Self.help("lr")) var learningRate: String?
    @Option(parsing: .unconditional, help: Self.help("epochs")) var epochs: String?
    @Option(parsing: .unconditional, help: Self.help("seed")) var seed: String?
    @Option(parsing: .unconditional, help: Self.help("hidden")) var hidden: String?
    @Option(help: Self.help("activation"), completion: Self.completion("activation")) var activation: String?
    @Option(help: Self.help("loss"), completion: Self.completion("loss")) var loss: String?
    @Option(parsing: .unconditional, help: Self.help("batch"), completion: Self.completion("batch")) var batch: String?
    @Option(name: .customLong("init"), parsing: .unconditional, help: Self.help("init")) var initialParameters: String?
    @Option(help: Self.help("mode"), completion: Self.completion("mode")) var mode: String?
    @Option(name: .customLong("bug"), help: ArgumentHelp(
        "Switch on one notebook mistake alone: \(NotebookBug.acceptedList). Repeatable.", valueName: "bug"),
            completion: Self.completion("bugs"))
    var bugs: [String] = []
    @Flag(help: "Publish central finite-difference gradients (h = 1e-6 * max(1, |theta|)) and their relative error next to the analytic ones.")
    var checkGradients = false

    /// Help text from the settings table: what is accepted, and the default.
    static func help(_ key: String) -> ArgumentHelp {
        guard let setting = Settings.named(key) else { return ArgumentHelp() }
        let text = setting.accepts.prefix(1).uppercased() + setting.accepts.dropFirst()
        return ArgumentHelp("\(text). (default: \(setting.defaultText))", valueName: setting.valueName)
    }

    /// Shell completion from the settings table: the setting's fixed choices.
    static func completion(_ key: String) -> CompletionKind {
        .list(Settings.named(key)?.choices ?? [])
    }

    /// The flags given, by setting key, in the order the table lists them.
    var given: [(key: String, value: String)] {
        var pairs: [(String, String?)] = [
            ("dataset", dataset), ("samples", samples), ("noise", noise), ("data_seed", dataSeed),
            ("test_percent", testPercent), ("lr", learningRate), ("epochs", epochs), ("seed", seed),
            ("hidden", hidden), ("activation", activation), ("loss", loss), ("batch", batch),
            ("init", initialParameters), ("mode", mode),
        ]
        pairs += bugs.map { ("bugs", $0) }
        if checkGradients { pairs.append(("check_gradients", "true")) }
        return pairs.compactMap { key, value in value.map { (key, $0) } }
    }

    /// True when any flag that picks a setup was given (so no course menu is wanted).
    var choosesSetup: Bool { !given.isEmpty || data != nil }

    mutating func validate() throws {
        if data != nil && dataset != nil {
            throw ValidationError("--data and --dataset cannot be used together: --data trains on the samples of your file")
        }
        _ = try draft(readingData: false)
    }

    /// The flags read into a draft; a bad value is a ValidationError naming the flag and what it accepts.
    /// The `--data` file is read only when the run starts, so that its own `path:line:` messages stand alone.
    func draft(readingData: Bool = true) throws -> SetupDraft {
        var draft = SetupDraft()
        for (key, value) in given {
            guard let setting = Settings.named(key) else { continue }
            if let problem = setting.apply(value, to: &draft, named: setting.flag) { throw ValidationError(problem) }
        }
        if let path = data, readingData {
            switch DataFile.load(path: path) {
            case .success(let samples): draft.dataFile = (path, samples)
            case .failure(let problem): throw DataFileProblem(error: problem)
            }
        }
        return draft
    }

    /// The validated setup.
    func setup() throws -> TrainingSetup {
        try Self.build(draft())
    }

    /// A draft checked as a whole: settings that do not go together are a ValidationError.
    static func build(_ draft: SetupDraft) throws -> TrainingSetup {
        switch draft.build(naming: { Settings.named($0)?.flag ?? "--" + $0 }) {
        case .success(let setup): return setup
        case .failure(let problem): throw ValidationError(problem.message)
        }
    }
}

/// A `--data` file that cannot be used: reported as the file's own `path:line: message`.
struct DataFileProblem: Error, CustomStringConvertible {
    let error: DataFileError
    var description: String { error.description }
}

extension String {
    var trimmed: String { SettingValues.trimmed(self) }
}
