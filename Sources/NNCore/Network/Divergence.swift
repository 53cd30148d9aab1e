/// Says, in words a learner can act on, when a run has gone wrong.
public enum Divergence {
    /// Beyond this |z|, σ′(z) < 10⁻¹³: the neuron is saturated and its gradients vanish.
    public static let saturatedZ = 30.0

    /// A sentence when the run diverged, else nil: values that overflowed, a loss that rose,
    /// or an overshoot into saturation that left samples misclassified.
    public static func verdict(firstLoss: Double, lastLoss: Double, network: Network, samples: [Sample]) -> String? {
        let F = NumberFormat.self
        let weights: String
        switch network {
        case .neuron(let neuron): weights = "W = \(F.pair(neuron.W)), b = \(F.short(neuron.b))"
        case .hidden(let h): weights = "W₂ = (\(h.W2.map(F.short).joined(separator: ", "))), b₂ = \(F.short(h.b2))"
        }
        if !network.parameters.allSatisfy(\.isFinite) || !lastLoss.isFinite {
            return "The run diverged: the values overflowed (\(weights)). Try a smaller --lr."
        }
        if lastLoss > firstLoss {
            return "The run diverged: the loss rose from \(F.short(firstLoss)) to \(F.short(lastLoss))."
        }
        let stuck = samples.contains { sample in
            let z: Double
            switch network {
            case .neuron(let neuron): z = neuron.z(sample.x)
            case .hidden(let h): z = h.forward(sample.x).z2
            }
            let wrong = (sigmoid(z) >= 0.5) != (sample.y >= 0.5)
            return wrong && abs(z) > saturatedZ
        }
        if stuck {
            return "The run diverged: a step overshot to \(weights), where σ is saturated (σ′ ≈ 0), so the gradients vanish and misclassified samples stay wrong. Try a smaller --lr."
        }
        return nil
    }
}
