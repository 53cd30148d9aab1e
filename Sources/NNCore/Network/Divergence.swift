/// Says, in words a learner can act on, when a run has gone wrong, and what caused it.
public enum Divergence {
    /// Beyond this |z|, σ′(z) < 10⁻¹³: the output is saturated and its gradients vanish.
    public static let saturatedZ = 30.0
    /// Starting parameters this large (or not finite) are "huge" whatever the data.
    public static let hugeParameter = 1e6

    /// What made a run go wrong, in the order it is looked for: the start comes before any step.
    enum Cause: Equatable {
        /// The starting weights were already huge (their largest magnitude), or already saturated
        /// σ on a sample they misclassify (that sample's z); `fromInit` when `--init` chose them.
        case hugeStart(largest: Double, fromInit: Bool)
        case saturatedStart(z: Double, fromInit: Bool)
        /// The notebook's dropped minus sign: every step climbs the loss.
        case droppedMinusSign
        /// Steps too long for the slope: η.
        case learningRate(Double)
    }

    /// A sentence when the run diverged, else nil: values that overflowed, a loss that rose, or
    /// misclassified samples stuck where σ is saturated. It ends with advice on the cause: starting
    /// weights that were already huge or saturated, the dropped minus sign, or a learning rate that overshot.
    public static func verdict(firstLoss: Double, lastLoss: Double, network: MLP, start: MLP, setup: TrainingSetup,
                               samples: ArraySlice<Sample>) -> String? {
        let F = NumberFormat.self
        let output = network.architecture.layerCount
        let weights = "W\(network.architecture.isSingleNeuron ? "" : String(output)) = "
            + F.vector(Array(network.weights(output))) + ", b = " + F.short(network.biases(output).first ?? .nan)
        let cause = self.cause(start: start, setup: setup, samples: samples)
        let advice = self.advice(cause)
        if !network.parameters.allSatisfy(\.isFinite) || !lastLoss.isFinite {
            return "The run diverged: the values overflowed (\(weights)). " + advice
        }
        if lastLoss > firstLoss {
            // Four decimals can hide a small rise; then the full digits show it.
            let (first, last) = F.short(firstLoss) == F.short(lastLoss)
                ? (F.parameter(firstLoss), F.parameter(lastLoss)) : (F.short(firstLoss), F.short(lastLoss))
            return "The run diverged: the loss rose from \(first) to \(last). " + advice
        }
        guard misclassifiedSaturated(network, samples) != nil else { return nil }
        if misclassifiedSaturated(start, samples) != nil {
            return "The run was stuck from the start: the starting weights put a misclassified sample where σ is saturated (σ′ ≈ 0), so its gradients vanish and it stays wrong (now \(weights)). " + advice
        }
        return "The run diverged: a step overshot to \(weights), where σ is saturated (σ′ ≈ 0), so the gradients vanish and misclassified samples stay wrong. " + advice
    }

    /// The z of the first sample that `network` misclassifies with σ saturated, or nil.
    static func misclassifiedSaturated(_ network: MLP, _ samples: ArraySlice<Sample>) -> Double? {
        for sample in samples {
            let (z, yHat) = network.forward(sample.x)
            if !Classification.isRight(yHat: yHat, y: sample.y) && abs(z) > saturatedZ { return z }
        }
        return nil
    }

    static func cause(start: MLP, setup: TrainingSetup, samples: ArraySlice<Sample>) -> Cause {
        let fromInit = setup.initialParameters != nil
        let largest = start.parameters.map(abs).max() ?? 0
        if !largest.isFinite || largest >= hugeParameter || start.parameters.contains(where: \.isNaN) {
            return .hugeStart(largest: largest, fromInit: fromInit)
        }
        if let z = misclassifiedSaturated(start, samples) { return .saturatedStart(z: z, fromInit: fromInit) }
        if setup.bugs.contains(.sign) { return .droppedMinusSign }
        return .learningRate(setup.learningRate)
    }

    static func advice(_ cause: Cause) -> String {
        let F = NumberFormat.self
        switch cause {
        case .hugeStart(let largest, let fromInit):
            return "The starting weights were already huge (\(F.short(largest)) at most): start from smaller ones\(fromInit ? " (--init)" : "")."
        case .saturatedStart(let z, let fromInit):
            return "The starting weights gave a misclassified sample z = \(F.short(z)), deep in σ's flat tail: start from smaller ones\(fromInit ? " (--init)" : "")."
        case .droppedMinusSign:
            return "The dropped minus sign (--bug sign, part of --mode notebook) makes every step climb the loss: --mode corrected descends it."
        case .learningRate(let eta):
            return "Try a smaller --lr (it is \(F.parameter(eta)))."
        }
    }
}
