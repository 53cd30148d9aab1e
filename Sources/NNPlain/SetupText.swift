import NNCore

/// A run's setup in words, for the text trace's header and handouts.
public enum SetupText {
    private typealias F = NumberFormat

    /// "dataset or, mode corrected, η = 0.5, 1000 epochs, seed 42" and any other setting that is not its default.
    public static func settings(_ setup: TrainingSetup) -> String {
        var parts = ["dataset \(setup.data.name)"]
        if case .generated(_, let n, let noise, let seed) = setup.data {
            parts.append("\(n) samples, noise \(F.parameter(noise)), data seed \(seed)")
        }
        if setup.testPercent > 0 { parts.append("test set \(setup.testPercent)%") }
        parts.append("mode \(setup.modeLabel)")
        parts.append("η = \(F.parameter(setup.learningRate))")
        parts.append("\(setup.epochs) epoch\(setup.epochs == 1 ? "" : "s")")
        parts.append("seed \(setup.seed)")
        return parts.joined(separator: ", ")
    }

    /// numpy's draw, in its order: "np.random.seed(42); X = randint(0, 2, size=2) = [0, 1]; W = randn(2) = […]; b = randn(1) = […]".
    public static func draw(_ trainer: Trainer) -> String {
        let setup = trainer.setup, draw = trainer.draw
        var parts = ["np.random.seed(\(setup.seed))", "X = randint(0, 2, size=2) = [\(Int(draw.X.x)), \(Int(draw.X.y))]"]
        let drawn = MLP(architecture: setup.architecture, activation: setup.activation, parameters: draw.parameters)
        if setup.architecture.isSingleNeuron {
            parts.append("W = randn(2) = [\(drawn.weights(1).map(F.short).joined(separator: ", "))]")
            parts.append("b = randn(1) = [\(F.short(drawn.biases(1).first ?? .nan))]")
        } else {
            for l in 1...setup.architecture.layerCount {
                let n = setup.architecture.units(ofLayer: l), m = setup.architecture.inputs(ofLayer: l)
                parts.append("W\(l) = randn(\(n), \(m)) = " + bracketed(Array(drawn.weights(l)), columns: m))
                parts.append("b\(l) = randn(\(n)) = " + bracketed(Array(drawn.biases(l)), columns: n))
            }
        }
        return parts.joined(separator: "; ")
    }

    /// numpy's way of writing an array: "[a, b]" or "[[a, b], [c, d]]"; more than 8 numbers summarised.
    static func bracketed(_ values: [Double], columns: Int) -> String {
        if values.count > 8 { return "(\(values.count) numbers \(F.range(values)))" }
        let rows = stride(from: 0, to: values.count, by: max(1, columns)).map { i in
            "[" + values[i..<min(values.count, i + columns)].map(F.short).joined(separator: ", ") + "]"
        }
        return rows.count == 1 ? rows[0] : "[" + rows.joined(separator: ", ") + "]"
    }

    /// The parameters of a network, layer by layer.
    public static func parameters(_ network: MLP) -> String {
        if network.architecture.isSingleNeuron {
            return "W = \(F.vector(network.weights(1))), b = \(F.short(network.biases(1).first ?? .nan))"
        }
        return (1...network.architecture.layerCount).map { l in
            "W\(l) = " + bracketed(Array(network.weights(l)), columns: network.layer(l).inputs)
                + ", b\(l) = " + bracketed(Array(network.biases(l)), columns: network.layer(l).units)
        }.joined(separator: "; ")
    }

    /// "x = (0, 0) → y = 0; …" for a few samples; a count and the classes for many.
    public static func data(_ dataset: Dataset, source: DataSource) -> String {
        let samples = dataset.samples
        var text: String
        if samples.count <= 8 {
            text = samples.map { "x = \(F.vector([$0.x.x, $0.x.y])) → y = \(F.short($0.y))" }.joined(separator: "; ")
        } else {
            let ones = samples.filter { $0.y == 1 }.count
            text = "\(samples.count) samples, \(ones) with y = 1 and \(samples.count - ones) with y = 0"
        }
        if dataset.testCount > 0 {
            text += "; the last \(dataset.testCount) are held out as the test set (never trained on)"
        }
        return text
    }
}
