/// The backward pass, the gradient check, the update and the epoch: each as `StepEngine` computes it.
extension ProvenanceRules {
    // MARK: Backward

    /// ∂L/∂ŷ = −2(y − ŷ) (the notebook: 2(y − ŷ)); cross-entropy: −1/ŷ (y = 1) or 1/(1 − ŷ).
    mutating func dLossDOutput() {
        if schema.loss == .crossEntropy {
            let y = w.value(.target)
            w.text(y == 1 ? "−1/" : "1/(1 − ")
            w.input(.output, L)
            w.text(y == 1 ? ", since " : "), since ")
            w.mention(.target, as: Self.branch(y))
            return
        }
        w.text(bugs.dropsMinusSign ? "2(" : "−2(")
        w.input(.target)
        w.text(" − ")
        w.input(.output, L)
        w.text(")")
        if bugs.dropsMinusSign { note = "the notebook's loss_deriv drops the minus sign; correct: −2(y − ŷ)" }
    }

    /// ∂a/∂z from the layer's own a (σ, tanh) or z (ReLU); with the notebook's mistake, the formula taken at a.
    mutating func slope() {
        let f = function(l), a = activationQuantity(l)
        let aSymbol = symbol(a, l, nil, k), zSymbol = symbol(.preActivation, l, nil, k)
        let aValue = Provenance.fullPrecision(w.value(a, l, nil, k))
        if bugs.derivativeAtOutput {
            // The argument of σ(·) or tanh(·) is bracketed by the function already.
            w.text(f.misappliedFormula(a: aSymbol), f.misappliedFormula(a: aValue))
            if f != .linear { w.list(a, l, k) }
            note = "the notebook's sigmoid_deriv(self.y_hat): the derivative taken at \(aSymbol) instead of at \(zSymbol); correct: "
                + f.derivativeFormula(a: aSymbol, z: zSymbol)
            return
        }
        let zValue = Provenance.fullPrecision(w.value(.preActivation, l, nil, k))
        w.text(f.derivativeFormula(a: aSymbol, z: zSymbol), f.derivativeFormula(a: "(" + aValue + ")", z: "(" + zValue + ")"))
        switch f {
        case .sigmoid, .tanh: w.list(a, l, k)
        case .relu, .leakyReLU: w.list(.preActivation, l, k)
        case .linear: break
        }
    }

    /// δ_L = ∂L/∂ŷ · ∂ŷ/∂z_L, or ŷ − y for cross-entropy; a hidden δ_l[i] = ∂L/∂a_l[i] · ∂a_l[i]/∂z_l[i].
    mutating func delta() {
        if l == L && schema.loss == .crossEntropy {
            w.input(.output, L)
            w.text(" − ")
            w.input(.target)
            note = "∂L/∂ŷ · ∂ŷ/∂z in its simplified form: for cross-entropy the two factors cancel into ŷ − y"
        } else if l == L {
            w.input(.dLossDOutput)
            w.text(" · ")
            w.input(.slope, L)
        } else {
            w.input(.dLossDActivation, l, nil, k)
            w.text(" · ")
            w.input(.slope, l, nil, k)
        }
    }

    /// ∂L/∂a_l[j] = W_{l+1}[0][j]·δ_{l+1}[0] + W_{l+1}[1][j]·δ_{l+1}[1] + …, left to right, with the forward pass's weights.
    mutating func dLossDActivation() {
        let above = l + 1
        let units = schema.architecture.units(ofLayer: above), n = schema.architecture.inputs(ofLayer: above)
        for i in 0..<units {
            if i > 0 { w.text(" + ") }
            w.input(.weights, above, .forward, i * n + k)
            w.text("·")
            w.input(.delta, above, nil, i)
        }
    }

    /// ∂L/∂W_l[i][j] = δ_l[i] · a_{l−1}[j]. The single neuron with squared error publishes no δ: its
    /// factors ∂L/∂ŷ · ∂ŷ/∂z are shown, multiplied first as the engine multiplies them.
    mutating func dLossDWeights() {
        let n = schema.architecture.inputs(ofLayer: l)
        if isSingleNeuron && schema.loss == .squared {
            w.input(.dLossDOutput)
            w.text(" · ")
            w.input(.slope, 1)
            w.text(" · ")
            w.input(.input, 0, nil, k)
            return
        }
        let (input, inputLayer) = below(l)
        w.input(.delta, l, nil, k / n)
        w.text(" · ")
        w.input(input, inputLayer, nil, k % n)
    }

    /// ∂L/∂b_l[i] = δ_l[i] (the single neuron with squared error: ∂L/∂ŷ · ∂ŷ/∂z).
    mutating func dLossDBias() {
        if isSingleNeuron && schema.loss == .squared {
            w.input(.dLossDOutput)
            w.text(" · ")
            w.input(.slope, 1)
            return
        }
        w.input(.delta, l, nil, k)
    }

    // MARK: Gradient check

    /// (L(θ + h) − L(θ − h))/(2·h), h = 10⁻⁶·max(1, |θ|), θ the parameter in force.
    mutating func numeric() {
        let parameter: TraceQuantity = component.entry.quantity == .numericDWeights ? .weights : .bias
        let theta = w.value(parameter, l, .forward, k)
        let h = GradientCheck.step(for: theta)
        let thetaSymbol = symbol(parameter, l, .forward, k)
        w.text("(L(")
        w.input(parameter, l, .forward, k)
        w.text(" + ")
        w.constant("h", h)
        w.text(") − L(")
        w.input(parameter, l, .forward, k)
        w.text(" − ")
        w.constant("h", h)
        w.text("))/(2·")
        w.constant("h", h)
        w.text(")")
        w.text(", h = 10⁻⁶·max(1, |\(thetaSymbol)|)", "")
        note = "L is this sample's \(schema.loss.words), recomputed by a full forward pass with every other parameter "
            + "as in force (never with the notebook's mistakes)"
    }

    /// |a − n| / max(|a|, |n|), and 0 when both are 0.
    mutating func relativeError() {
        let weights = component.entry.quantity == .relativeErrorDWeights
        let analytic: TraceQuantity = weights ? .dLossDWeights : .dLossDBias
        let numeric: TraceQuantity = weights ? .numericDWeights : .numericDBias
        if w.value(analytic, l, nil, k) == 0 && w.value(numeric, l, nil, k) == 0 {
            w.text("0, as ")
            w.input(analytic, l, nil, k)
            w.text(" and ")
            w.input(numeric, l, nil, k)
            w.text(" are both 0")
            return
        }
        w.text("|")
        w.input(analytic, l, nil, k)
        w.text(" − ")
        w.input(numeric, l, nil, k)
        w.text("| / max(|")
        w.input(analytic, l, nil, k, bare: true)
        w.text("|, |")
        w.input(numeric, l, nil, k, bare: true)
        w.text("|)")
    }

    // MARK: Update and epoch

    /// (g⁽¹⁾ + … + g⁽ᵏ⁾)/k over the batch's samples. Only this step's own gradient, the last term, is
    /// listed: the others are values of earlier steps, which a step's values do not hold.
    mutating func mean() {
        let gradient: TraceQuantity = component.entry.quantity == .meanDWeights ? .dLossDWeights : .dLossDBias
        let g = symbol(gradient, l, nil, k)
        let count = position.map { $0.placeInBatch(setup.batch) + 1 }
        // One term needs no bracket: g⁽¹⁾/1.
        let bracket = count == 1 ? "" : "("
        writeSum(of: g, lastTerm: gradient, source: .thisBatch, count: count, unknownCount: "ᵏ", opening: bracket)
        w.text(bracket.isEmpty ? "/1" : ")/" + (count.map(String.init) ?? "k"))
        note = count == 1
            ? "a batch of one sample (an epoch's last batch can be shorter): this step's own gradient, divided by 1"
            : "the batch's per-sample gradients summed in sample order, then divided by the batch's size; "
                + "this step's own gradient is the last term, the others were published in the batch's earlier steps"
    }

    /// θ ← θ − η·g, with g the sample's gradient or the batch's mean.
    mutating func update() {
        let quantity = component.entry.quantity
        let gradient: TraceQuantity = schema.averagesBatches
            ? (quantity == .weights ? .meanDWeights : .meanDBias)
            : (quantity == .weights ? .dLossDWeights : .dLossDBias)
        w.input(quantity, l, .forward, k)
        w.text(" − ")
        w.constant("η", setup.learningRate)
        w.text("·")
        w.input(gradient, l, nil, k)
    }

    /// L⁽¹⁾ + … + L⁽ⁿ⁾, the epoch's sample losses summed in order; this step's loss is the last term.
    mutating func epochLoss() {
        let count = position.map { $0.sample + 1 }
        writeSum(of: "L", lastTerm: .loss, source: .thisStep, count: count, unknownCount: "ⁿ", opening: "")
        w.text(", the sum of the epoch's sample losses", "")
        note = "each term is a training sample's loss, published in its own step of the epoch; this step's is the last"
    }

    /// `opening` + "g⁽¹⁾ + … + " and the last term, this step's own value, as an input (a mean opens
    /// the bracket it closes). With `count` known, the terms are numbered exactly.
    private mutating func writeSum(of symbol: String, lastTerm: TraceQuantity, source: Provenance.Input.Source,
                                   count: Int?, unknownCount: String, opening: String) {
        let first = symbol + ProvenanceBuilder.superscripted(1)
        let last: String
        switch count {
        case 1?:
            w.text(opening)
            last = first
        case 2?:
            w.text(opening + first + " + ")
            last = symbol + ProvenanceBuilder.superscripted(2)
        case let n?:
            w.text(opening + first + " + … + ")
            last = symbol + ProvenanceBuilder.superscripted(n)
        case nil:
            w.text(opening + first + " + … + ")
            last = symbol + "⁽" + unknownCount + "⁾"
        }
        w.input(lastTerm, l, nil, k, source: source, written: last)
    }
}
