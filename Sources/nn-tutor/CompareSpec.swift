import ArgumentParser
import NNCore

/// `--compare A,B`: two runs that differ in one setting each, e.g. `lr=0.5,lr=0.001`,
/// `activation=sigmoid,activation=relu` or `batch=1,batch=full`. Every other flag applies to both
/// runs. The keys are those of the settings table, as in lesson files.
struct CompareSpec {
    let labels: [String]
    let setups: [TrainingSetup]
    /// The setting each run changes, by key (`lr`, `bugs`).
    let keys: [String]

    init(_ text: String, base: TrainingOptions) throws {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmed }
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("--compare takes two settings separated by a comma, e.g. --compare lr=0.5,lr=0.001; got '\(text)'")
        }
        let start = try base.draft()
        var setups: [TrainingSetup] = []
        var keys: [String] = []
        for part in parts {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard pieces.count == 2, !pieces[0].trimmed.isEmpty else {
                throw ValidationError("--compare setting '\(part)' must be key=value, with key one of \(Settings.keys.joined(separator: ", "))")
            }
            guard let setting = Settings.named(pieces[0].trimmed) else {
                throw ValidationError("--compare setting '\(part)': unknown key '\(pieces[0])'; keys are \(Settings.keys.joined(separator: ", "))")
            }
            keys.append(setting.key)
            var draft = start
            if setting.key == "bugs" { draft.bugs = nil }
            if let problem = setting.apply(pieces[1], to: &draft, named: setting.key) {
                throw ValidationError("in --compare '\(part)': \(problem)")
            }
            do {
                setups.append(try TrainingOptions.build(draft))
            } catch let error as ValidationError {
                throw ValidationError("in --compare '\(part)': \(error.message)")
            }
        }
        labels = parts
        self.setups = setups
        self.keys = keys
    }
}
