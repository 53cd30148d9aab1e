/// The equations of one sample step of the 2-N-1 network: layer by layer forward, then the δ
/// recursion backward, each with its live values.
public struct HiddenLayerEquations: EquationSet {
    public var learningRate: Double
    public var bugs: BugSwitches
    public var checkGradients: Bool

    public init(setup: TrainingSetup) {
        learningRate = setup.learningRate
        bugs = BugSwitches(setup.bugs)
        checkGradients = setup.checkGradients
    }

    private typealias F = NumberFormat

    /// "(a, b, c)" for a vector.
    static func vector(_ v: [Double]) -> String { "(" + v.map(F.short).joined(separator: ", ") + ")" }

    /// "[(w₁, w₂), (…)]" for W1, one row per hidden unit.
    static func rows(_ v: [Double]) -> String {
        "[" + stride(from: 0, to: v.count, by: 2).map { i in
            "(" + F.short(v[i]) + ", " + (i + 1 < v.count ? F.short(v[i + 1]) : "?") + ")"
        }.joined(separator: ", ") + "]"
    }

    func list(_ v: StepValues, _ phase: TracePhase, _ name: TraceName) -> [Double]? { v[phase, name]?.components }

    public func lines(_ v: StepValues) -> [EquationLine] {
        let sign = bugs.dropsMinusSign ? "2" : "−2"
        let at2 = bugs.derivativeAtYHat ? "ŷ" : "z₂", at1 = bugs.derivativeAtYHat ? "a₁" : "z₁"
        var lines: [EquationLine] = []

        var inputs: [String] = []
        if let x = v.pair(.forward, .x) { inputs.append("x = " + F.pair(x)) }
        if let y = v.scalar(.forward, .y) { inputs.append("y = " + F.short(y)) }
        if let W1 = list(v, .forward, .W1) { inputs.append("W₁ = " + Self.rows(W1)) }
        if let b1 = list(v, .forward, .b1) { inputs.append("b₁ = " + Self.vector(b1)) }
        if let W2 = list(v, .forward, .W2) { inputs.append("W₂ = " + Self.vector(W2)) }
        if let b2 = v.scalar(.forward, .b2) { inputs.append("b₂ = " + F.short(b2)) }
        lines.append(EquationLine(
            phase: .forward,
            keys: [.init(.forward, .x), .init(.forward, .y), .init(.forward, .W1), .init(.forward, .b1),
                   .init(.forward, .W2), .init(.forward, .b2)],
            symbolic: inputs.isEmpty ? "x, y, W₁, b₁, W₂, b₂" : inputs.joined(separator: ", "),
            result: v.scalar(.forward, .b2) == nil ? nil : ""))

        var z1 = EquationLine(phase: .forward, keys: [.init(.forward, .z1)], symbolic: "z₁ = W₁x + b₁")
        if let W1 = list(v, .forward, .W1), let x = v.pair(.forward, .x), let b1 = list(v, .forward, .b1), b1.count <= 3 {
            // Unit by unit while it stays readable: (w)(x₁) + (w)(x₂) + b for each row of W₁.
            let rows = b1.indices.map { i -> String in
                let bias = b1[i] < 0 ? "− " + F.short(-b1[i]) : "+ " + F.short(b1[i])
                return F.factor(W1[2 * i]) + F.factor(x.x) + " + " + F.factor(W1[2 * i + 1]) + F.factor(x.y) + " " + bias
            }
            z1.substituted = "(" + rows.joined(separator: ", ") + ")"
        }
        z1.result = list(v, .forward, .z1).map(Self.vector)
        lines.append(z1)
        var a1 = EquationLine(phase: .forward, keys: [.init(.forward, .a1)], symbolic: "a₁ = σ(z₁)")
        a1.substituted = list(v, .forward, .z1).map { "σ" + Self.vector($0) }
        a1.result = list(v, .forward, .a1).map(Self.vector)
        lines.append(a1)
        var z2 = EquationLine(phase: .forward, keys: [.init(.forward, .z2)], symbolic: "z₂ = W₂·a₁ + b₂")
        if let W2 = list(v, .forward, .W2), let a = list(v, .forward, .a1), let b2 = v.scalar(.forward, .b2) {
            z2.substituted = Self.vector(W2) + "·" + Self.vector(a) + (b2 < 0 ? " − " + F.short(-b2) : " + " + F.short(b2))
        }
        z2.result = v.scalar(.forward, .z2).map(F.short)
        lines.append(z2)
        var yHat = EquationLine(phase: .forward, keys: [.init(.forward, .yHat)], symbolic: "ŷ = σ(z₂)")
        yHat.substituted = v.scalar(.forward, .z2).map { "σ(" + F.short($0) + ")" }
        yHat.result = v.scalar(.forward, .yHat).map(F.short)
        lines.append(yHat)
        var loss = EquationLine(phase: .forward, keys: [.init(.forward, .loss)], symbolic: "L = (y − ŷ)²")
        if let y = v.scalar(.forward, .y), let p = v.scalar(.forward, .yHat) { loss.substituted = "(\(F.short(y)) − \(F.short(p)))²" }
        loss.result = v.scalar(.forward, .loss).map(F.short)
        lines.append(loss)

        var dL = EquationLine(phase: .backward, keys: [.init(.backward, .dLossDYHat)], symbolic: "∂L/∂ŷ = \(sign)(y − ŷ)")
        if let y = v.scalar(.forward, .y), let p = v.scalar(.forward, .yHat) { dL.substituted = "\(sign)(\(F.short(y)) − \(F.short(p)))" }
        dL.result = v.scalar(.backward, .dLossDYHat).map(F.short)
        if bugs.dropsMinusSign {
            dL.mistake = "✗ minus sign dropped; correct: −2(y − ŷ)"
            dL.correction = "correct: −2(y − ŷ)"
        }
        lines.append(dL)
        var d2 = EquationLine(phase: .backward, keys: [.init(.backward, .delta2)], symbolic: "δ₂ = ∂L/∂ŷ · σ′(\(at2))")
        if let g = v.scalar(.backward, .dLossDYHat), let p = v.scalar(.forward, .yHat) {
            let s = bugs.derivativeAtYHat ? sigmoidDerivative(at: p) : p * (1 - p)
            d2.substituted = F.factor(g) + F.factor(s)
        }
        d2.result = v.scalar(.backward, .delta2).map(F.short)
        if bugs.derivativeAtYHat {
            d2.mistake = "✗ σ′ taken at ŷ; correct: σ′(z₂) = ŷ(1 − ŷ)"
            d2.correction = "correct: σ′(z₂)"
        }
        lines.append(d2)
        var gW2 = EquationLine(phase: .backward, keys: [.init(.backward, .dLossDW2)], symbolic: "∂L/∂W₂ = δ₂ a₁")
        if let d = v.scalar(.backward, .delta2), let a = list(v, .forward, .a1) { gW2.substituted = F.factor(d) + Self.vector(a) }
        gW2.result = list(v, .backward, .dLossDW2).map(Self.vector)
        lines.append(gW2)
        lines.append(EquationLine(phase: .backward, keys: [.init(.backward, .dLossDB2)], symbolic: "∂L/∂b₂ = δ₂",
                                  result: v.scalar(.backward, .dLossDB2).map(F.short)))
        var d1 = EquationLine(phase: .backward, keys: [.init(.backward, .delta1)], symbolic: "δ₁ = (W₂ δ₂) ⊙ σ′(\(at1))")
        if let W2 = list(v, .forward, .W2), let d = v.scalar(.backward, .delta2), let a = list(v, .forward, .a1) {
            let back = W2.map { $0 * d }
            let slope = a.map { bugs.derivativeAtYHat ? sigmoidDerivative(at: $0) : $0 * (1 - $0) }
            d1.substituted = Self.vector(back) + " ⊙ " + Self.vector(slope)
        }
        d1.result = list(v, .backward, .delta1).map(Self.vector)
        if bugs.derivativeAtYHat {
            d1.mistake = "✗ σ′ taken at a₁; correct: σ′(z₁) = a₁(1 − a₁)"
            d1.correction = "correct: σ′(z₁)"
        }
        lines.append(d1)
        var gW1 = EquationLine(phase: .backward, keys: [.init(.backward, .dLossDW1)], symbolic: "∂L/∂W₁ = δ₁ xᵀ")
        if let d = list(v, .backward, .delta1), let x = v.pair(.forward, .x) {
            gW1.substituted = Self.vector(d) + F.pair(x) + "ᵀ"
        }
        gW1.result = list(v, .backward, .dLossDW1).map(Self.rows)
        lines.append(gW1)
        lines.append(EquationLine(phase: .backward, keys: [.init(.backward, .dLossDB1)], symbolic: "∂L/∂b₁ = δ₁",
                                  result: list(v, .backward, .dLossDB1).map(Self.vector)))
        if checkGradients {
            let checks: [(String, TraceName, TraceName, TraceName)] = [
                ("W₁", .dLossDW1, .dLossDW1Numeric, .dLossDW1RelativeError),
                ("b₁", .dLossDB1, .dLossDB1Numeric, .dLossDB1RelativeError),
                ("W₂", .dLossDW2, .dLossDW2Numeric, .dLossDW2RelativeError),
                ("b₂", .dLossDB2, .dLossDB2Numeric, .dLossDB2RelativeError),
            ]
            for (label, analytic, numeric, error) in checks {
                var line = EquationLine(phase: .backward, keys: [.init(.backward, numeric), .init(.backward, error)],
                                        symbolic: "check ∂L/∂\(label): analytic vs central difference")
                // Shown as the gradient itself is: W₁ in rows, b₂ as a number.
                let show: ([Double]) -> String = { $0.count == 1 ? F.short($0[0]) : (label == "W₁" ? Self.rows($0) : Self.vector($0)) }
                if let a = list(v, .backward, analytic), let n = list(v, .backward, numeric) {
                    line.substituted = show(a) + " vs " + show(n)
                }
                line.result = list(v, .backward, error).map { "rel. error " + show($0) }
                lines.append(line)
            }
        }

        let updates: [(String, TraceName, TraceName, Bool)] = [
            ("W₁", .W1, .dLossDW1, true), ("b₁", .b1, .dLossDB1, false), ("W₂", .W2, .dLossDW2, false), ("b₂", .b2, .dLossDB2, false),
        ]
        for (label, name, gradient, isMatrix) in updates {
            var line = EquationLine(phase: .update, keys: [.init(.update, name)], symbolic: "\(label) ← \(label) − η·∂L/∂\(label)")
            let show: ([Double]) -> String = { $0.count == 1 ? F.short($0[0]) : (isMatrix ? Self.rows($0) : Self.vector($0)) }
            if let before = list(v, .forward, name), let g = list(v, .backward, gradient) {
                // A scalar gradient in parentheses, as the single neuron writes it: 0.5·(−0.0586).
                let gradientText = g.count == 1 ? F.factor(g[0]) : show(g)
                line.substituted = show(before) + " − " + F.parameter(learningRate) + "·" + gradientText
            }
            line.result = list(v, .update, name).map(show)
            lines.append(line)
        }
        return lines
    }
}
