/// How each kind of line reads, with the values known so far substituted.
extension Equations {
    private typealias F = NumberFormat

    /// Layers up to this many units (and inputs) are substituted component by component.
    static let smallLayer = 3

    func render(_ spec: LineSpec, _ v: StepValues) -> EquationLine {
        var line: EquationLine
        switch spec.kind {
        case .inputs: line = inputs(v)
        case .parameters(let l): line = parameters(l, v)
        case .preActivation(let l): line = preActivation(l, v)
        case .activation(let l): line = activation(l, v)
        case .loss: line = loss(v)
        case .dLossDOutput: line = dLossDOutput(v)
        case .dLossDActivation(let l): line = dLossDActivation(l, v)
        case .slope(let l): line = slope(l, v)
        case .delta(let l): line = delta(l, v)
        case .dZDW: line = EquationLine(phase: .backward, keys: [], symbolic: "∂z/∂W = x", result: shown(v, .dPreActivationDWeights, 1))
        case .dLossDWeights(let l): line = dLossDWeights(l, v)
        case .dLossDBias(let l): line = dLossDBias(l, v)
        case .checkWeights(let l): line = check(l, v, weights: true)
        case .checkBias(let l): line = check(l, v, weights: false)
        case .meanWeights(let l): line = mean(l, v, weights: true)
        case .meanBias(let l): line = mean(l, v, weights: false)
        case .updateWeights(let l): line = update(l, v, weights: true)
        case .updateBias(let l): line = update(l, v, weights: false)
        }
        line.phase = spec.phase
        line.keys = spec.keys
        return line
    }

    /// "+ 0.2790" or, for a negative bias, "− 2.4271": "+ −2.4271" reads badly.
    static func plusBias(_ b: Double) -> String { b < 0 ? "− " + F.short(-b) : "+ " + F.short(b) }

    // MARK: Forward

    /// The step's givens: x, y and (for the single neuron) W and b, shown from the step's start.
    func inputs(_ v: StepValues) -> EquationLine {
        var parts: [String] = []
        if let x = v.given(.input) { parts.append("x = " + F.vector(x)) }
        if let y = v.given(.target) { parts.append("y = " + F.short(y.first ?? .nan)) }
        if schema.architecture.isSingleNeuron {
            if let W = v.given(.weights, layer: 1) { parts.append("W = " + F.vector(W)) }
            if let b = v.given(.bias, layer: 1) { parts.append("b = " + F.short(b.first ?? .nan)) }
        }
        // Givens are known from the step's start, so the line reads as done once it has numbers.
        var line = EquationLine(phase: .forward, keys: [], symbolic: parts.isEmpty ? (schema.architecture.isSingleNeuron ? "x, y, W, b" : "x, y") : parts.joined(separator: ", "),
                                result: parts.isEmpty ? nil : "")
        line.isGiven = true
        return line
    }

    func parameters(_ l: Int, _ v: StepValues) -> EquationLine {
        let W = symbol("W", l), b = symbol("b", l)
        var parts: [String] = []
        if let w = v.given(.weights, layer: l), let entry = schema.entry(.weights, layer: l, phase: .forward) {
            parts.append(W + " = " + F.value(Array(w), shape: entry.shape))
        }
        if let bias = v.given(.bias, layer: l), let entry = schema.entry(.bias, layer: l, phase: .forward) {
            parts.append(b + " = " + F.value(Array(bias), shape: entry.shape))
        }
        var line = EquationLine(phase: .forward, keys: [], symbolic: parts.isEmpty ? W + ", " + b : parts.joined(separator: ", "),
                                result: parts.isEmpty ? nil : "")
        line.isGiven = true
        return line
    }

    func preActivation(_ l: Int, _ v: StepValues) -> EquationLine {
        let L = schema.layers
        let z = symbol("z", l), W = symbol("W", l), b = symbol("b", l), input = activationSymbol(l - 1)
        let single = schema.architecture.isSingleNeuron
        let product = single ? "W·x" : (l == L ? W + "·" + input : W + input)
        var line = EquationLine(phase: .forward, keys: [], symbolic: "\(z) = \(product) + \(b)")
        let inputs = l == 1 ? v.values(.input) : v.values(.activation, layer: l - 1)
        if let weights = v.values(.weights, layer: l, phase: .forward), let a = inputs,
           let biases = v.values(.bias, layer: l, phase: .forward) {
            let w = Array(weights), x = Array(a), bias = Array(biases)
            let units = bias.count, n = x.count
            if l == L && n <= 4 && !single {
                line.substituted = F.vector(w) + "·" + F.vector(x) + " " + Self.plusBias(bias[0])
            } else if units <= Self.smallLayer && n <= 2 {
                // Unit by unit: (w)(x₀) + (w)(x₁) + b for each row of W.
                let rows = (0..<units).map { i in
                    (0..<n).map { j in F.factor(w[i * n + j]) + F.factor(x[j]) }.joined(separator: " + ") + " " + Self.plusBias(bias[i])
                }
                line.substituted = units == 1 && single ? rows[0] : "(" + rows.joined(separator: ", ") + ")"
            }
        }
        line.result = shown(v, .preActivation, l)
        return line
    }

    func activation(_ l: Int, _ v: StepValues) -> EquationLine {
        let L = schema.layers, z = symbol("z", l)
        if l == L {
            var line = EquationLine(phase: .forward, keys: [], symbolic: "ŷ = σ(\(z))")
            line.substituted = v.scalar(.preActivation, layer: l).map { "σ(" + F.short($0) + ")" }
            line.result = v.scalar(.output, layer: l).map(F.short)
            return line
        }
        let f = schema.activation, a = activationSymbol(l)
        var line = EquationLine(phase: .forward, keys: [], symbolic: f == .linear ? "\(a) = \(z)" : "\(a) = \(f.symbol)(\(z))")
        if f != .linear, let zs = v.values(.preActivation, layer: l), zs.count <= 8 { line.substituted = f.symbol + F.vector(zs) }
        line.result = shown(v, .activation, l)
        return line
    }

    func loss(_ v: StepValues) -> EquationLine {
        let y = v.scalar(.target), yHat = v.scalar(.output, layer: schema.layers)
        var line: EquationLine
        switch schema.loss {
        case .squared:
            line = EquationLine(phase: .forward, keys: [], symbolic: "L = (y − ŷ)²")
            if let y, let yHat { line.substituted = "(\(F.short(y)) − \(F.short(yHat)))²" }
        case .crossEntropy:
            line = EquationLine(phase: .forward, keys: [], symbolic: "L = −[y·log ŷ + (1 − y)·log(1 − ŷ)]")
            if let y, let yHat { line.substituted = y == 1 ? "−log(\(F.short(yHat)))" : "−log(1 − \(F.short(yHat)))" }
        }
        line.result = v.scalar(.loss).map(F.short)
        if notebookMode {
            line.mistake = "✗ the notebook calls this MLE; it is the squared error"
            line.correction = "the notebook calls it MLE: squared error"
        }
        return line
    }

    // MARK: Backward

    func dLossDOutput(_ v: StepValues) -> EquationLine {
        let y = v.scalar(.target), yHat = v.scalar(.output, layer: schema.layers)
        let computed = v.scalar(.dLossDOutput)
        if schema.loss == .crossEntropy {
            var line = EquationLine(phase: .backward, keys: [], symbolic: "∂L/∂ŷ = −y/ŷ + (1 − y)/(1 − ŷ)")
            if let y, let yHat { line.substituted = y == 1 ? "−1/\(F.short(yHat))" : "1/(1 − \(F.short(yHat)))" }
            line.result = computed.map(F.short)
            return line
        }
        let factor = bugs.dropsMinusSign ? "2" : "−2"
        var line = EquationLine(phase: .backward, keys: [], symbolic: "∂L/∂ŷ = \(factor)(y − ŷ)")
        if let y, let yHat { line.substituted = "\(factor)(\(F.short(y)) − \(F.short(yHat)))" }
        line.result = computed.map(F.short)
        if bugs.dropsMinusSign {
            // The correct number only once the line's own value exists: before that it would give
            // away the answer to a lesson's "what sign will it have?".
            let correct = computed != nil ? y.flatMap { y in yHat.map { " = " + F.short(-2 * (y - $0)) } } ?? "" : ""
            line.mistake = "✗ minus sign dropped; correct: −2(y − ŷ)\(correct)"
            line.correction = "correct: −2(y − ŷ)"
        }
        return line
    }

    func dLossDActivation(_ l: Int, _ v: StepValues) -> EquationLine {
        let above = l + 1
        let a = activationSymbol(l)
        var line = EquationLine(phase: .backward, keys: [], symbolic: "∂L/∂\(a) = \(symbol("W", above))ᵀ\(symbol("δ", above))")
        if above == schema.layers, let w = v.values(.weights, layer: above, phase: .forward), w.count <= 8,
           let d = v.scalar(.delta, layer: above) {
            line.substituted = F.vector(w) + F.factor(d)
        }
        line.result = shown(v, .dLossDActivation, l)
        return line
    }

    func slope(_ l: Int, _ v: StepValues) -> EquationLine {
        let L = schema.layers
        if l == L {
            // The output's sigmoid, written as the notebook writes it.
            let z = symbol("z", l), lhs = "∂ŷ/∂" + z
            let at = bugs.derivativeAtOutput ? "ŷ" : z
            var line = EquationLine(phase: .backward, keys: [], symbolic: "\(lhs) = σ(\(at))(1 − σ(\(at)))")
            let yHat = v.scalar(.output, layer: l)
            let computed = v.scalar(.slope, layer: l) != nil
            if bugs.derivativeAtOutput {
                if let yHat {
                    let s = F.short(sigmoid(yHat))
                    line.substituted = "σ(\(F.short(yHat)))(1 − σ(\(F.short(yHat)))) = (\(s))(1 − \(s))"
                }
                let correct = computed ? yHat.map { " = " + F.short($0 * (1 - $0)) } ?? "" : ""
                line.mistake = "✗ σ′ taken at ŷ; correct: σ(\(z))(1 − σ(\(z)))\(correct)"
                line.correction = "correct: σ(\(z))(1 − σ(\(z)))"
            } else if v.scalar(.preActivation, layer: l) != nil, let yHat {
                line.substituted = "(\(F.short(yHat)))(1 − \(F.short(yHat)))"
            }
            line.result = v.scalar(.slope, layer: l).map(F.short)
            return line
        }
        let f = schema.activation, a = activationSymbol(l), z = symbol("z", l)
        let lhs = "∂\(a)/∂\(z)"
        var line = EquationLine(phase: .backward, keys: [], symbolic: lhs + " = " + (bugs.derivativeAtOutput ? f.misappliedFormula(a: a) : f.derivativeFormula(a: a, z: z)))
        let activations = v.values(.activation, layer: l)
        if !bugs.derivativeAtOutput, let acts = activations, acts.count <= Self.smallLayer, f == .sigmoid || f == .tanh {
            let terms = acts.map { f == .sigmoid ? "(\(F.short($0)))(1 − \(F.short($0)))" : "1 − \(F.short($0))²" }
            line.substituted = "(" + terms.joined(separator: ", ") + ")"
        }
        line.result = shown(v, .slope, l)
        if bugs.derivativeAtOutput {
            let computed = v.values(.slope, layer: l) != nil
            let correct = computed ? activations.flatMap { acts -> String? in
                let zs = v.values(.preActivation, layer: l).map(Array.init) ?? []
                guard zs.count == acts.count else { return nil }
                return " = " + F.vector(zip(zs, acts).map { f.derivative(z: $0, a: $1) })
            } ?? "" : ""
            line.mistake = "✗ ∂a/∂z taken at \(a) instead of \(z); correct: \(f.derivativeFormula(a: a, z: z))\(correct)"
            line.correction = "correct: " + f.derivativeFormula(a: a, z: z)
        }
        return line
    }

    func delta(_ l: Int, _ v: StepValues) -> EquationLine {
        let L = schema.layers, d = symbol("δ", l)
        let slopeName = l == L ? "∂ŷ/∂" + symbol("z", l) : "∂\(activationSymbol(l))/∂\(symbol("z", l))"
        if l == L {
            let dL = v.scalar(.dLossDOutput), s = v.scalar(.slope, layer: l)
            if schema.loss == .crossEntropy {
                // Both factors are shown so the learner sees their product collapse to ŷ − y.
                var line = EquationLine(phase: .backward, keys: [], symbolic: "\(d) = ∂L/∂ŷ · \(slopeName) = ŷ − y")
                if let dL, let s, let yHat = v.scalar(.output, layer: l), let y = v.scalar(.target) {
                    line.substituted = F.factor(dL) + F.factor(s) + " = " + F.short(yHat) + " − " + F.short(y)
                }
                line.result = v.scalar(.delta, layer: l).map(F.short)
                return line
            }
            var line = EquationLine(phase: .backward, keys: [], symbolic: "\(d) = ∂L/∂ŷ · \(slopeName)")
            if let dL, let s { line.substituted = F.factor(dL) + F.factor(s) }
            line.result = v.scalar(.delta, layer: l).map(F.short)
            return line
        }
        var line = EquationLine(phase: .backward, keys: [], symbolic: "\(d) = ∂L/∂\(activationSymbol(l)) ⊙ \(slopeName)")
        if let g = v.values(.dLossDActivation, layer: l), let s = v.values(.slope, layer: l), g.count <= 4 {
            line.substituted = F.vector(g) + " ⊙ " + F.vector(s)
        }
        line.result = shown(v, .delta, l)
        return line
    }

    func dLossDWeights(_ l: Int, _ v: StepValues) -> EquationLine {
        if schema.architecture.isSingleNeuron {
            if schema.loss == .crossEntropy {
                var line = EquationLine(phase: .backward, keys: [], symbolic: "∂L/∂W = δ · ∂z/∂W")
                if let d = v.scalar(.delta, layer: 1), let x = v.values(.dPreActivationDWeights, layer: 1) {
                    line.substituted = F.factor(d) + F.vector(x)
                }
                line.result = shown(v, .dLossDWeights, 1)
                return line
            }
            var line = EquationLine(phase: .backward, keys: [], symbolic: "∂L/∂W = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂W")
            if let a = v.scalar(.dLossDOutput), let s = v.scalar(.slope, layer: 1), let x = v.values(.dPreActivationDWeights, layer: 1) {
                line.substituted = F.factor(a) + F.factor(s) + F.vector(x)
            }
            line.result = shown(v, .dLossDWeights, 1)
            return line
        }
        let d = symbol("δ", l), input = activationSymbol(l - 1)
        var line = EquationLine(phase: .backward, keys: [], symbolic: "∂L/∂\(symbol("W", l)) = \(d) \(input)ᵀ")
        let inputs = l == 1 ? v.values(.input) : v.values(.activation, layer: l - 1)
        if let deltas = v.values(.delta, layer: l), let a = inputs, deltas.count <= Self.smallLayer, a.count <= 4 {
            let left = l == schema.layers ? F.factor(deltas.first ?? .nan) : F.vector(deltas)
            line.substituted = left + F.vector(a) + "ᵀ"
        }
        line.result = shown(v, .dLossDWeights, l)
        return line
    }

    func dLossDBias(_ l: Int, _ v: StepValues) -> EquationLine {
        if schema.architecture.isSingleNeuron {
            if schema.loss == .crossEntropy {
                return EquationLine(phase: .backward, keys: [], symbolic: "∂L/∂b = δ", result: shown(v, .dLossDBias, 1))
            }
            var line = EquationLine(phase: .backward, keys: [], symbolic: "∂L/∂b = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂b")
            if let a = v.scalar(.dLossDOutput), let s = v.scalar(.slope, layer: 1) {
                line.substituted = F.factor(a) + F.factor(s) + "(1)"
            }
            line.result = shown(v, .dLossDBias, 1)
            return line
        }
        return EquationLine(phase: .backward, keys: [], symbolic: "∂L/∂\(symbol("b", l)) = \(symbol("δ", l))",
                            result: shown(v, .dLossDBias, l))
    }

    func check(_ l: Int, _ v: StepValues, weights: Bool) -> EquationLine {
        let name = symbol(weights ? "W" : "b", l)
        let symbolic = schema.architecture.isSingleNeuron
            ? "check ∂L/∂\(name): analytic vs (L(\(name)+h) − L(\(name)−h))/2h"
            : "check ∂L/∂\(name): analytic vs central difference"
        var line = EquationLine(phase: .backward, keys: [], symbolic: symbolic)
        let analytic = weights ? TraceQuantity.dLossDWeights : .dLossDBias
        let numeric = weights ? TraceQuantity.numericDWeights : .numericDBias
        let error = weights ? TraceQuantity.relativeErrorDWeights : .relativeErrorDBias
        if let a = shown(v, analytic, l), let n = shown(v, numeric, l) { line.substituted = a + " vs " + n }
        line.result = shown(v, error, l).map { "rel. error " + $0 }
        return line
    }

    // MARK: Update

    func mean(_ l: Int, _ v: StepValues, weights: Bool) -> EquationLine {
        let g = "∂L/∂" + symbol(weights ? "W" : "b", l)
        return EquationLine(phase: .update, keys: [], symbolic: "mean \(g) = (\(g)⁽¹⁾ + … + \(g)⁽ᵏ⁾)/k over the batch",
                            result: shown(v, weights ? .meanDWeights : .meanDBias, l))
    }

    func update(_ l: Int, _ v: StepValues, weights: Bool) -> EquationLine {
        let name = symbol(weights ? "W" : "b", l)
        let quantity = weights ? TraceQuantity.weights : .bias
        let averaging = schema.averagesBatches
        let gradient = (averaging ? "mean " : "") + "∂L/∂" + name
        var line = EquationLine(phase: .update, keys: [], symbolic: "\(name) ← \(name) − η·\(gradient)")
        let g = averaging ? v.values(weights ? .meanDWeights : .meanDBias, layer: l)
                          : v.values(weights ? .dLossDWeights : .dLossDBias, layer: l)
        if let before = v.values(quantity, layer: l, phase: .forward), let g, let entry = schema.entry(quantity, layer: l, phase: .forward),
           entry.count <= 8 {
            // A scalar gradient in parentheses: 0.5·(−0.0586).
            let gradientText = g.count == 1 ? F.factor(g.first ?? .nan) : F.value(Array(g), shape: entry.shape)
            line.substituted = F.value(Array(before), shape: entry.shape) + " − " + learningRateText + "·" + gradientText
        }
        line.result = shown(v, quantity, l, .update)
        return line
    }
}
