/// How a learner reads one traced number: the symbols of the equations panel, with the component's
/// index written as the trace's shape has it (a lesson's `W1[0][1]` is "W₁[0][1]", the output
/// layer's one-row `W2[1]` is "W₂[1]", a scalar takes no index).
extension ProvenanceBuilder {
    /// "∂L/∂W₁[0][1]", "z₂", "∂a₁[0]/∂z₁[0]", "new b₁[1]"; the single neuron's "W[0]", "∂ŷ/∂z", "∂z/∂W[1]".
    public static func symbol(of component: TraceComponent, in schema: TraceSchema) -> String {
        let entry = component.entry
        let l = entry.layer
        let single = schema.architecture.isSingleNeuron
        let sub = single || l == 0 ? "" : Equations.subscripted(l)
        let at = indexText(entry.shape, component.index)
        switch entry.quantity {
        case .input: return "x" + at
        case .target: return "y"
        case .weights: return (entry.phase == .update ? "new " : "") + "W" + sub + at
        case .bias: return (entry.phase == .update ? "new " : "") + "b" + sub + at
        case .preActivation: return "z" + sub + at
        case .activation: return "a" + sub + at
        case .output: return "ŷ"
        case .loss: return "L"
        case .dLossDOutput: return "∂L/∂ŷ"
        case .slope:
            // The output's slope is the notebook's ∂ŷ/∂z; a hidden unit's reads per unit.
            return l == schema.layers ? "∂ŷ/∂z" + sub : "∂a\(sub)\(at)/∂z\(sub)\(at)"
        case .delta: return "δ" + sub + at
        case .dLossDActivation: return "∂L/∂a" + sub + at
        case .dPreActivationDWeights: return "∂z/∂W" + at
        case .dLossDWeights: return "∂L/∂W" + sub + at
        case .dLossDBias: return "∂L/∂b" + sub + at
        case .numericDWeights: return "numeric ∂L/∂W" + sub + at
        case .relativeErrorDWeights: return "rel. error of ∂L/∂W" + sub + at
        case .numericDBias: return "numeric ∂L/∂b" + sub + at
        case .relativeErrorDBias: return "rel. error of ∂L/∂b" + sub + at
        case .meanDWeights: return "mean ∂L/∂W" + sub + at
        case .meanDBias: return "mean ∂L/∂b" + sub + at
        case .epochLoss: return "epoch loss"
        case .trainLoss: return "train loss"
        case .testLoss: return "test loss"
        case .trainAccuracy: return "train accuracy"
        case .testAccuracy: return "test accuracy"
        }
    }

    /// "", "[i]" or "[i][j]" for a component of a shape.
    static func indexText(_ shape: TraceShape, _ index: Int) -> String {
        switch shape {
        case .scalar: return ""
        case .vector: return "[\(index)]"
        case .matrix(_, let columns): return "[\(index / max(1, columns))][\(index % max(1, columns))]"
        }
    }

    /// "⁽¹²⁾": the term of a sum a superscript names.
    static func superscripted(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return "⁽" + String(String(n).map { $0.wholeNumberValue.map { digits[$0] } ?? $0 }) + "⁾"
    }
}
