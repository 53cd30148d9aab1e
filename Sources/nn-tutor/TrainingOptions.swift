import ArgumentParser
import NNCore

/// The flags that choose what is trained, shared by every way of running.
struct TrainingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The training data: \(DatasetName.acceptedList). (default: or)", valueName: "name"))
    var dataset: String?

    @Option(name: .customLong("lr"), parsing: .unconditional,
            help: ArgumentHelp("Learning rate η, a number > 0. (default: \(TrainingSetup.defaultLearningRate))", valueName: "rate"))
    var learningRate: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Passes over the dataset, 0 or more. (default: \(TrainingSetup.defaultEpochs))", valueName: "n"))
    var epochs: String?

    @Option(parsing: .unconditional,
            help: ArgumentHelp("numpy seed for the starting weights, 0 to 4294967295. (default: \(TrainingSetup.defaultSeed))", valueName: "n"))
    var seed: String?

    @Option(name: .customLong("init"), parsing: .unconditional,
            help: ArgumentHelp("Explicit starting weights instead of the seeded draw.", valueName: "w1,w2,b"))
    var initialWeights: String?

    @Option(help: ArgumentHelp("corrected (the right math) or notebook (the notebook's code as written). (default: corrected)", valueName: "mode"))
    var mode: String?

    @Option(name: .customLong("bug"),
            help: ArgumentHelp("Switch on one notebook mistake alone: \(NotebookBug.acceptedList). Repeatable.", valueName: "bug"))
    var bugs: [String] = []

    @Flag(help: "Publish finite-difference gradients and their relative error next to the analytic ones.")
    var checkGradients = false

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Train a 2-N-1 network with N sigmoid hidden units, 1 to \(HiddenLayerNetwork.maximumUnits), instead of one neuron.", valueName: "N"))
    var hidden: String?

    /// True when any flag that picks a setup was given (so no course menu is wanted).
    var choosesSetup: Bool {
        dataset != nil || learningRate != nil || epochs != nil || seed != nil || initialWeights != nil
            || mode != nil || !bugs.isEmpty || checkGradients || hidden != nil
    }

    mutating func validate() throws {
        _ = try setup()
    }

    /// The validated setup, or a ValidationError naming the flag and what it accepts.
    func setup() throws -> TrainingSetup {
        try setup(defaults: TrainingSetup())
    }

    /// The validated setup, with `defaults` for every flag not given.
    func setup(defaults: TrainingSetup) throws -> TrainingSetup {
        let dataset = self.dataset ?? defaults.dataset.rawValue
        let learningRate = self.learningRate ?? "\(defaults.learningRate)"
        let epochs = self.epochs ?? "\(defaults.epochs)"
        let seed = self.seed ?? "\(defaults.seed)"
        let mode = self.mode ?? defaults.mode.rawValue
        guard let datasetName = DatasetName(rawValue: dataset.lowercased()) else {
            throw ValidationError("unknown --dataset '\(dataset)'; accepted: \(DatasetName.acceptedList)")
        }
        guard let rate = Double(learningRate.trimmed), rate.isFinite, rate > 0 else {
            throw ValidationError("--lr must be a finite number greater than 0, got '\(learningRate)'")
        }
        guard let epochCount = Int(epochs.trimmed), epochCount >= 0 else {
            throw ValidationError("--epochs must be a whole number 0 or more, got '\(epochs)'")
        }
        guard let seedValue = UInt32(seed.trimmed) else {
            throw ValidationError("--seed must be a whole number from 0 to 4294967295, got '\(seed)'")
        }
        guard let trainingMode = TrainingMode(rawValue: mode.lowercased()) else {
            throw ValidationError("unknown --mode '\(mode)'; accepted: \(TrainingMode.acceptedList)")
        }
        var extraBugs = bugs.isEmpty ? defaults.extraBugs : []
        for name in bugs.flatMap({ $0.split(separator: ",") }) {
            guard let bug = NotebookBug(rawValue: String(name).trimmed.lowercased()) else {
                throw ValidationError("unknown --bug '\(name)'; accepted: \(NotebookBug.acceptedList)")
            }
            extraBugs.insert(bug)
        }
        var start = initialWeights == nil ? defaults.initialWeights : nil
        if let text = initialWeights {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double(String($0).trimmed) }
            guard parts.count == 3, let w1 = parts[0], let w2 = parts[1], let b = parts[2],
                  w1.isFinite, w2.isFinite, b.isFinite
            else {
                throw ValidationError("--init takes three finite numbers w1,w2,b (e.g. --init 0.5,-0.25,0), got '\(text)'")
            }
            start = Neuron(W: SIMD2(w1, w2), b: b)
        }
        var hiddenUnits: Int? = defaults.hiddenUnits
        if let text = hidden {
            guard let n = Int(text.trimmed), (1...HiddenLayerNetwork.maximumUnits).contains(n) else {
                throw ValidationError("--hidden must be a whole number from 1 to \(HiddenLayerNetwork.maximumUnits), got '\(text)'")
            }
            guard initialWeights == nil else {
                throw ValidationError("--init sets the single neuron's w1,w2,b; it cannot be used with --hidden (the seed draws all the weights)")
            }
            hiddenUnits = n
        }
        return TrainingSetup(
            dataset: datasetName, learningRate: rate, epochs: epochCount, seed: seedValue,
            initialWeights: start, mode: trainingMode, extraBugs: extraBugs, checkGradients: checkGradients || defaults.checkGradients,
            hiddenUnits: hiddenUnits)
    }
}

extension String {
    var trimmed: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
