import ArgumentParser
import NNCore

/// `--compare A,B`: two runs that differ in one setting each, e.g. `lr=0.5,lr=0.001` or
/// `mode=corrected,mode=notebook`. Every other flag applies to both runs.
struct CompareSpec {
    /// The settings `--compare` can vary, and the flag each one stands for.
    static let keys = ["lr", "mode", "seed", "dataset", "hidden", "epochs", "bug"]

    let labels: [String]
    let setups: [TrainingSetup]

    init(_ text: String, base: TrainingOptions, defaults: TrainingSetup) throws {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmed }
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw ValidationError("--compare takes two settings separated by a comma, e.g. --compare lr=0.5,lr=0.001; got '\(text)'")
        }
        var setups: [TrainingSetup] = []
        for part in parts {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2, Self.keys.contains(pieces[0]) else {
                throw ValidationError("--compare setting '\(part)' must be key=value with key one of \(Self.keys.joined(separator: ", "))")
            }
            var options = base
            let value = pieces[1]
            switch pieces[0] {
            case "lr": options.learningRate = value
            case "mode": options.mode = value
            case "seed": options.seed = value
            case "dataset": options.dataset = value
            case "hidden": options.hidden = value
            case "epochs": options.epochs = value
            default: options.bugs = value == "none" ? [] : [value]
            }
            do {
                setups.append(try options.setup(defaults: defaults))
            } catch let error as ValidationError {
                throw ValidationError("in --compare '\(part)': \(error.message)")
            }
        }
        labels = parts
        self.setups = setups
    }
}
