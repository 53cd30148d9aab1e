/// One setting a learner can choose: its name in a lesson and in `--compare`, its flag, what it
/// accepts, and how it is read. The command line, lesson setup blocks and `--compare` all read
/// settings through this one table, so they accept exactly the same values.
public struct Setting: Sendable {
    /// The lesson key and `--compare` key: `lr`, `data_seed`, `test_percent`.
    public let key: String
    /// The command-line flag: `--lr`, `--data-seed`, `--test-percent`.
    public let flag: String
    /// What the value looks like, for help: "rate", "N[,N...]". Help texts are ASCII: the man page
    /// generated from them keeps nothing else.
    public let valueName: String
    /// What is accepted, for messages and help: "a number greater than 0, such as 0.5 or 1e-3".
    public let accepts: String
    /// The default, in words, for help ("0.5", "none: the single neuron").
    public let defaultText: String
    /// The words accepted, when they are a fixed list (data sets, modes): what shell completion offers.
    public let choices: [String]
    /// The value a setup runs with, as a trace's setup record states it (null where the setting
    /// does not apply, such as `noise` for a built-in data set): `read`'s inverse.
    public let effective: @Sendable (TrainingSetup) -> JSONValue
    /// Reads the value into a draft; nil when accepted, else the part that was not (for a list, the bad item).
    let read: @Sendable (String, inout SetupDraft) -> String?

    init(key: String, flag: String, valueName: String, accepts: String, defaultText: String, choices: [String] = [],
         effective: @escaping @Sendable (TrainingSetup) -> JSONValue, read: @escaping @Sendable (String, inout SetupDraft) -> String?) {
        self.key = key
        self.flag = flag
        self.valueName = valueName
        self.accepts = accepts
        self.defaultText = defaultText
        self.choices = choices
        self.effective = effective
        self.read = read
    }

    /// Reads `value` into `draft`, or says what was wrong in the caller's spelling of the setting's name.
    public func apply(_ value: String, to draft: inout SetupDraft, named name: String) -> String? {
        guard let bad = read(value, &draft) else { return nil }
        let shown = SettingValues.trimmed(bad)
        return shown.isEmpty ? "\(name) is empty: \(accepts)" : "bad \(name) '\(shown)': \(accepts)"
    }
}

/// The table of settings.
public enum Settings {
    public static let all: [Setting] = [
        Setting(key: "dataset", flag: "--dataset", valueName: "name",
                accepts: "one of \(DatasetChoice.acceptedList)", defaultText: "or", choices: DatasetChoice.allCases.map(\.rawValue),
                effective: { $0.data.choice.map { .text($0.rawValue) } ?? .null }) { text, draft in
            guard let choice = DatasetChoice(rawValue: SettingValues.word(text)) else { return text }
            draft.dataset = choice
            return nil
        },
        Setting(key: "samples", flag: "--samples", valueName: "N",
                accepts: "a whole number of samples from 2 to \(Limits.samples.upperBound), for a generated data set", defaultText: "100",
                effective: { $0.data.generated.map { .integer($0.samples) } ?? .null }) { text, draft in
            guard let n = SettingValues.integer(text, in: Limits.samples) else { return text }
            draft.samples = n
            return nil
        },
        Setting(key: "noise", flag: "--noise", valueName: "sigma",
                accepts: "a finite number 0 or more, for a generated data set", defaultText: "per data set: moons and circles 0.1, blobs 0.5, spiral 0.05",
                effective: { $0.data.generated.map { .number($0.noise) } ?? .null }) { text, draft in
            guard let v = SettingValues.number(text), v >= 0 else { return text }
            draft.noise = v
            return nil
        },
        Setting(key: "data_seed", flag: "--data-seed", valueName: "S",
                accepts: "a whole number from 0 to 4294967295", defaultText: "0",
                effective: { $0.data.generated.map { .integer(Int($0.seed)) } ?? .null }) { text, draft in
            guard let v = SettingValues.integer(text, in: 0...Int(UInt32.max)) else { return text }
            draft.dataSeed = UInt32(v)
            return nil
        },
        Setting(key: "test_percent", flag: "--test-percent", valueName: "P",
                accepts: "a whole number from 0 to 90: the last N*P/100 samples are held out as a test set", defaultText: "0",
                effective: { .integer($0.testPercent) }) { text, draft in
            guard let v = SettingValues.integer(text, in: 0...90) else { return text }
            draft.testPercent = v
            return nil
        },
        Setting(key: "lr", flag: "--lr", valueName: "rate",
                accepts: "a number greater than 0, such as 0.5 or 1e-3", defaultText: "0.5",
                effective: { .number($0.learningRate) }) { text, draft in
            guard let v = SettingValues.number(text), v > 0 else { return text }
            draft.learningRate = v
            return nil
        },
        Setting(key: "epochs", flag: "--epochs", valueName: "n",
                accepts: "a whole number from 0 to \(Limits.epochs.upperBound)", defaultText: "1000",
                effective: { .integer($0.epochs) }) { text, draft in
            guard let v = SettingValues.integer(text, in: Limits.epochs) else { return text }
            draft.epochs = v
            return nil
        },
        Setting(key: "seed", flag: "--seed", valueName: "n",
                accepts: "a whole number from 0 to 4294967295 (numpy's seed for the starting weights)", defaultText: "42",
                effective: { .integer(Int($0.seed)) }) { text, draft in
            guard let v = SettingValues.integer(text, in: 0...Int(UInt32.max)) else { return text }
            draft.seed = UInt32(v)
            return nil
        },
        Setting(key: "hidden", flag: "--hidden", valueName: "N[,N...]",
                accepts: "1 to \(Architecture.maximumHiddenLayers) hidden layers of 1 to \(Architecture.maximumUnits) units, such as 2, 4,4 or 8,8,8 (or none for the single neuron)",
                defaultText: "none: the single neuron",
                effective: { .list($0.architecture.hidden.map(JSONValue.integer)) }) { text, draft in
            if SettingValues.word(text) == "none" {
                draft.hidden = []
                return nil
            }
            let parts = SettingValues.list(text).map { SettingValues.integer($0, in: 1...Architecture.maximumUnits) }
            guard (1...Architecture.maximumHiddenLayers).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return text }
            draft.hidden = parts.compactMap { $0 }
            return nil
        },
        Setting(key: "activation", flag: "--activation", valueName: "name",
                accepts: "the hidden layers' activation: \(Activation.acceptedList)", defaultText: "sigmoid",
                choices: Activation.allCases.map(\.rawValue), effective: { .text($0.activation.rawValue) }) { text, draft in
            guard let a = Activation(rawValue: SettingValues.word(text)) else { return text }
            draft.activation = a
            return nil
        },
        Setting(key: "loss", flag: "--loss", valueName: "name",
                accepts: "the loss: \(Loss.acceptedList)", defaultText: "squared",
                choices: Loss.allCases.map(\.rawValue), effective: { .text($0.loss.rawValue) }) { text, draft in
            guard let l = Loss(rawValue: SettingValues.word(text)) else { return text }
            draft.loss = l
            return nil
        },
        Setting(key: "batch", flag: "--batch", valueName: "1|K|full",
                accepts: "1 (update after every sample), a whole number K from 2 to \(Limits.samples.upperBound) (mini-batches of K), or full",
                defaultText: "1", choices: ["1", "full"], effective: { setup in
                    switch setup.batch {
                    case .one: return .integer(1)
                    case .of(let k): return .integer(k)
                    case .full: return .text("full")
                    }
                }) { text, draft in
            let word = SettingValues.word(text)
            if word == "full" {
                draft.batch = .full
            } else if let k = SettingValues.integer(word, in: 1...Limits.samples.upperBound) {
                draft.batch = k == 1 ? .one : .of(k)
            } else {
                return text
            }
            return nil
        },
        Setting(key: "init", flag: "--init", valueName: "v1,v2,...",
                accepts: "every parameter as one comma list of finite numbers, in draw order (W1 row by row, b1, W2, b2, ...): 3 for the single neuron (W[0], W[1], b)",
                defaultText: "the seeded draw",
                effective: { $0.initialParameters.map { .list($0.map(JSONValue.number)) } ?? .null }) { text, draft in
            let values = SettingValues.list(text).map(SettingValues.number)
            guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else { return text }
            draft.initialParameters = values.compactMap { $0 }
            return nil
        },
        Setting(key: "mode", flag: "--mode", valueName: "mode",
                accepts: "corrected (the right maths) or notebook (the notebook's code as written)", defaultText: "corrected",
                choices: TrainingMode.allCases.map(\.rawValue), effective: { .text($0.mode.rawValue) }) { text, draft in
            guard let m = TrainingMode(rawValue: SettingValues.word(text)) else { return text }
            draft.mode = m
            return nil
        },
        Setting(key: "bugs", flag: "--bug", valueName: "bug",
                accepts: "\(NotebookBug.acceptedList), several separated by commas, or none", defaultText: "none",
                choices: NotebookBug.allCases.map(\.rawValue),
                // The bugs in force: those the mode implies as well as those switched on alone.
                effective: { .list($0.bugs.sorted().map { .text($0.rawValue) }) }) { text, draft in
            if SettingValues.word(text) == "none" {
                draft.bugs = []
                return nil
            }
            var bugs = draft.bugs ?? []
            for part in SettingValues.list(text) {
                guard let bug = NotebookBug(rawValue: SettingValues.word(part)) else { return part }
                if bugs.contains(bug) { draft.duplicates.append(bug.rawValue) }
                bugs.insert(bug)
            }
            draft.bugs = bugs
            return nil
        },
        Setting(key: "check_gradients", flag: "--check-gradients", valueName: "true|false",
                accepts: "true or false", defaultText: "false",
                effective: { .bool($0.checkGradients) }) { text, draft in
            switch SettingValues.word(text) {
            case "true", "yes": draft.checkGradients = true
            case "false", "no": draft.checkGradients = false
            default: return text
            }
            return nil
        },
    ]

    /// A setting by its lesson or `--compare` key (`bug` is accepted for `bugs`).
    public static func named(_ key: String) -> Setting? {
        let key = key == "bug" ? "bugs" : key.replacing("-", with: "_")
        return all.first { $0.key == key }
    }

    /// The keys, for messages: "dataset, samples, noise, …".
    public static var keys: [String] { all.map(\.key) }

    /// Ranges shared by several settings.
    public enum Limits {
        public static let samples = 2...10_000
        public static let epochs = 0...1_000_000_000
    }
}
