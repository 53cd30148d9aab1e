/// The worked equations of one sample step, for whichever network is trained.
///
/// Both the `--plain` text view and the walkthrough's equations panel read these lines, so
/// the two always agree.
public protocol EquationSet: Sendable {
    /// Every line of a step in order; a line shows numbers only once they exist in `values`.
    func lines(_ values: StepValues) -> [EquationLine]
    /// "L = Σᵢ (yᵢ − ŷᵢ)² = … = total": the notebook's sum over the epoch.
    func epochLoss(sampleLosses: [Double], total: Double?) -> EquationLine
}

extension EquationSet {
    /// The line an event completes, for printers that write a line as soon as its value exists.
    public func line(completedBy key: TraceKey, _ values: StepValues) -> EquationLine? {
        lines(values).first { $0.keys.last == key }
    }

    public func epochLoss(sampleLosses: [Double], total: Double?) -> EquationLine {
        var line = EquationLine(phase: .epoch, keys: [.init(.epoch, .loss)], symbolic: "L = Σᵢ (yᵢ − ŷᵢ)²")
        if sampleLosses.count > 1 {
            line.substituted = sampleLosses.map(NumberFormat.short).joined(separator: " + ")
        }
        line.result = total.map(NumberFormat.short)
        return line
    }
}

/// The equations for a setup: the notebook's single neuron, or the 2-N-1 network.
public func makeEquations(for setup: TrainingSetup) -> any EquationSet {
    setup.hiddenUnits == nil ? Equations(setup: setup) : HiddenLayerEquations(setup: setup)
}

/// The notebook's equations for one sample step of the single neuron.
public struct Equations: EquationSet {
    public var learningRate: Double
    public var bugs: BugSwitches
    /// The notebook's mode also renames the loss "MLE"; single bugs do not.
    public var notebookMode: Bool
    public var checkGradients: Bool

    public init(setup: TrainingSetup) {
        learningRate = setup.learningRate
        bugs = BugSwitches(setup.bugs)
        notebookMode = setup.mode == .notebook
        checkGradients = setup.checkGradients
    }

    private typealias F = NumberFormat

    /// Every line of a step in order; a line shows numbers only once they exist in `v`.
    public func lines(_ v: StepValues) -> [EquationLine] {
        var lines = [inputs(v), z(v), yHat(v), loss(v), dLossDYHat(v), dYHatDZ(v), dZDW(v), dLossDW(v), dLossDB(v)]
        if checkGradients { lines += [checkW(v), checkB(v)] }
        lines += [updateW(v), updateB(v)]
        return lines
    }

    // MARK: Forward

    func inputs(_ v: StepValues) -> EquationLine {
        var parts: [String] = []
        if let x = v.pair(.forward, .x) { parts.append("x = " + F.pair(x)) }
        if let y = v.scalar(.forward, .y) { parts.append("y = " + F.short(y)) }
        if let W = v.pair(.forward, .W) { parts.append("W = " + F.pair(W)) }
        if let b = v.scalar(.forward, .b) { parts.append("b = " + F.short(b)) }
        return EquationLine(
            phase: .forward, keys: [.init(.forward, .x), .init(.forward, .y), .init(.forward, .W), .init(.forward, .b)],
            symbolic: parts.isEmpty ? "x, y, W, b" : parts.joined(separator: ", "),
            result: v.scalar(.forward, .b) == nil ? nil : "")
    }

    func z(_ v: StepValues) -> EquationLine {
        var line = EquationLine(phase: .forward, keys: [.init(.forward, .z)], symbolic: "z = W·x + b")
        if let W = v.pair(.forward, .W), let x = v.pair(.forward, .x), let b = v.scalar(.forward, .b) {
            // "+ −2.4271" reads badly: a negative bias is subtracted instead.
            let bias = b < 0 ? "− \(F.short(-b))" : "+ \(F.short(b))"
            line.substituted = "\(F.factor(W.x))\(F.factor(x.x)) + \(F.factor(W.y))\(F.factor(x.y)) \(bias)"
        }
        line.result = v.scalar(.forward, .z).map(F.short)
        return line
    }

    func yHat(_ v: StepValues) -> EquationLine {
        var line = EquationLine(phase: .forward, keys: [.init(.forward, .yHat)], symbolic: "ŷ = σ(z)")
        if let z = v.scalar(.forward, .z) { line.substituted = "σ(\(F.short(z)))" }
        line.result = v.scalar(.forward, .yHat).map(F.short)
        return line
    }

    func loss(_ v: StepValues) -> EquationLine {
        var line = EquationLine(phase: .forward, keys: [.init(.forward, .loss)], symbolic: "L = (y − ŷ)²")
        if let y = v.scalar(.forward, .y), let yHat = v.scalar(.forward, .yHat) {
            line.substituted = "(\(F.short(y)) − \(F.short(yHat)))²"
        }
        line.result = v.scalar(.forward, .loss).map(F.short)
        if notebookMode {
            line.mistake = "✗ the notebook calls this MLE; it is the squared error"
            line.correction = "this is the squared error, not MLE"
        }
        return line
    }

    // MARK: Backward

    func dLossDYHat(_ v: StepValues) -> EquationLine {
        let factor = bugs.dropsMinusSign ? "2" : "−2"
        var line = EquationLine(
            phase: .backward, keys: [.init(.backward, .dLossDYHat)], symbolic: "∂L/∂ŷ = \(factor)(y − ŷ)")
        let y = v.scalar(.forward, .y), yHat = v.scalar(.forward, .yHat)
        if let y, let yHat { line.substituted = "\(factor)(\(F.short(y)) − \(F.short(yHat)))" }
        line.result = v.scalar(.backward, .dLossDYHat).map(F.short)
        if bugs.dropsMinusSign {
            // The correct number only once the line's own value exists: before that it would give
            // away the answer to a lesson's "what sign will it have?".
            let computed = v.scalar(.backward, .dLossDYHat) != nil
            let correct = computed ? y.flatMap { y in yHat.map { " = " + F.short(-2 * (y - $0)) } } ?? "" : ""
            line.mistake = "✗ minus sign dropped; correct: −2(y − ŷ)\(correct)"
            line.correction = "correct: −2(y − ŷ)"
        }
        return line
    }

    func dYHatDZ(_ v: StepValues) -> EquationLine {
        let at = bugs.derivativeAtYHat ? "ŷ" : "z"
        var line = EquationLine(
            phase: .backward, keys: [.init(.backward, .dYHatDZ)], symbolic: "∂ŷ/∂z = σ(\(at))(1 − σ(\(at)))")
        let z = v.scalar(.forward, .z), yHat = v.scalar(.forward, .yHat)
        if bugs.derivativeAtYHat {
            if let yHat {
                let s = F.short(sigmoid(yHat))
                line.substituted = "σ(\(F.short(yHat)))(1 − σ(\(F.short(yHat)))) = (\(s))(1 − \(s))"
            }
            let computed = v.scalar(.backward, .dYHatDZ) != nil
            let correct = computed ? yHat.map { " = " + F.short($0 * (1 - $0)) } ?? "" : ""
            line.mistake = "✗ σ′ taken at ŷ; correct: σ(z)(1 − σ(z))\(correct)"
            line.correction = "correct: σ(z)(1 − σ(z))"
        } else if z != nil, let yHat {
            line.substituted = "(\(F.short(yHat)))(1 − \(F.short(yHat)))"
        }
        line.result = v.scalar(.backward, .dYHatDZ).map(F.short)
        return line
    }

    func dZDW(_ v: StepValues) -> EquationLine {
        EquationLine(
            phase: .backward, keys: [.init(.backward, .dZDW)], symbolic: "∂z/∂W = x",
            result: v.pair(.backward, .dZDW).map(F.pair))
    }

    func dLossDW(_ v: StepValues) -> EquationLine {
        var line = EquationLine(
            phase: .backward, keys: [.init(.backward, .dLossDW)], symbolic: "∂L/∂W = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂W")
        if let a = v.scalar(.backward, .dLossDYHat), let s = v.scalar(.backward, .dYHatDZ), let x = v.pair(.backward, .dZDW) {
            line.substituted = "\(F.factor(a))\(F.factor(s))\(F.pair(x))"
        }
        line.result = v.pair(.backward, .dLossDW).map(F.pair)
        return line
    }

    func dLossDB(_ v: StepValues) -> EquationLine {
        var line = EquationLine(
            phase: .backward, keys: [.init(.backward, .dLossDB)], symbolic: "∂L/∂b = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂b")
        if let a = v.scalar(.backward, .dLossDYHat), let s = v.scalar(.backward, .dYHatDZ) {
            line.substituted = "\(F.factor(a))\(F.factor(s))(1)"
        }
        line.result = v.scalar(.backward, .dLossDB).map(F.short)
        return line
    }

    func checkW(_ v: StepValues) -> EquationLine {
        var line = EquationLine(
            phase: .backward,
            keys: [.init(.backward, .dLossDWNumeric), .init(.backward, .dLossDWRelativeError)],
            symbolic: "check ∂L/∂W: analytic vs (L(W+h) − L(W−h))/2h")
        if let analytic = v.pair(.backward, .dLossDW), let numeric = v.pair(.backward, .dLossDWNumeric) {
            line.substituted = "\(F.pair(analytic)) vs \(F.pair(numeric))"
        }
        line.result = v.pair(.backward, .dLossDWRelativeError).map { "rel. error " + F.pair($0) }
        return line
    }

    func checkB(_ v: StepValues) -> EquationLine {
        var line = EquationLine(
            phase: .backward,
            keys: [.init(.backward, .dLossDBNumeric), .init(.backward, .dLossDBRelativeError)],
            symbolic: "check ∂L/∂b: analytic vs (L(b+h) − L(b−h))/2h")
        if let analytic = v.scalar(.backward, .dLossDB), let numeric = v.scalar(.backward, .dLossDBNumeric) {
            line.substituted = "\(F.short(analytic)) vs \(F.short(numeric))"
        }
        line.result = v.scalar(.backward, .dLossDBRelativeError).map { "rel. error " + F.short($0) }
        return line
    }

    // MARK: Update

    func updateW(_ v: StepValues) -> EquationLine {
        var line = EquationLine(phase: .update, keys: [.init(.update, .W)], symbolic: "W ← W − η·∂L/∂W")
        if let W = v.pair(.forward, .W), let g = v.pair(.backward, .dLossDW) {
            line.substituted = "\(F.pair(W)) − \(F.parameter(learningRate))·\(F.pair(g))"
        }
        line.result = v.pair(.update, .W).map(F.pair)
        return line
    }

    func updateB(_ v: StepValues) -> EquationLine {
        var line = EquationLine(phase: .update, keys: [.init(.update, .b)], symbolic: "b ← b − η·∂L/∂b")
        if let b = v.scalar(.forward, .b), let g = v.scalar(.backward, .dLossDB) {
            line.substituted = "\(F.short(b)) − \(F.parameter(learningRate))·\(F.factor(g))"
        }
        line.result = v.scalar(.update, .b).map(F.short)
        return line
    }
}
