/// Says, in words a learner can act on, when a run has gone wrong, and what caused it.
public enum Divergence {
    /// Beyond this |z|, σ′(z) < 10⁻¹³: the output is saturated and its gradients vanish.
    public static let saturatedZ = 30.0

    /// A sentence when the run diverged, else nil: values that overflowed, a loss that rose,
    /// or an overshoot into saturation that left samples misclassified. The advice names the
    /// cause: a learning rate that overshot, or starting weights that were already huge.
    public static func verdict(firstLoss: Double, lastLoss: Double, network: MLP, start: MLP,
                               learningRate: Double, samples: ArraySlice<Sample>) -> String? {
        let F = NumberFormat.self
        let output = network.architecture.layerCount
        let weights = "W\(network.architecture.isSingleNeuron ? "" : String(output)) = "
            + F.vector(Array(network.weights(output))) + ", b = " + F.short(network.biases(output).first ?? .nan)
        let hugeStart = start.parameters.contains { !$0.isFinite || abs($0) >= 1e6 }
        let advice = hugeStart
            ? "The starting weights were already huge (\(F.short(start.parameters.map(abs).max() ?? 0)) at most): start from smaller ones."
            : "Try a smaller --lr (it is \(F.parameter(learningRate)))."
        if !network.parameters.allSatisfy(\.isFinite) || !lastLoss.isFinite {
            return "The run diverged: the values overflowed (\(weights)). " + advice
        }
        if lastLoss > firstLoss {
            return "The run diverged: the loss rose from \(F.short(firstLoss)) to \(F.short(lastLoss))."
        }
        let stuck = samples.contains { sample in
            let (z, yHat) = network.forward(sample.x)
            return !Classification.isRight(yHat: yHat, y: sample.y) && abs(z) > saturatedZ
        }
        if stuck {
            return "The run diverged: a step overshot to \(weights), where σ is saturated (σ′ ≈ 0), so the gradients vanish and misclassified samples stay wrong. " + advice
        }
        return nil
    }
}
