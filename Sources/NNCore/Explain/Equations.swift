/// The worked equations of one sample step, for any network: both the `--plain` text view and
/// the walkthrough's equations panel read these lines, so the two always agree.
///
/// One builder serves every network. The single neuron is written as the notebook writes it
/// (W·x + b, ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂W); a layered network layer by layer in vector form (z₁ = W₁x + b₁,
/// δ₁ = ∂L/∂a₁ ⊙ ∂a₁/∂z₁), with live values substituted component by component while a layer
/// is small. The lines are laid out once per setup; a line is rendered only when asked for.
public struct Equations: Sendable {
    public let schema: TraceSchema
    let learningRate: Double
    /// η as the learner typed it, formatted once.
    let learningRateText: String
    let bugs: BugSwitches
    /// The notebook's mode also renames the loss "MLE"; single bugs do not.
    let notebookMode: Bool
    let specs: [LineSpec]
    /// For each entry id, the spec whose value it completes (its last key), or -1.
    let completing: [Int]

    /// What one line shows, and the entries it shows.
    struct LineSpec: Sendable {
        var kind: LineKind
        var phase: TracePhase
        var keys: [Int]
    }

    enum LineKind: Sendable {
        case inputs, parameters(Int), preActivation(Int), activation(Int), loss, dLossDOutput
        case dLossDActivation(Int), slope(Int), delta(Int), dZDW, dLossDWeights(Int), dLossDBias(Int)
        case checkWeights(Int), checkBias(Int), meanWeights(Int), meanBias(Int), updateWeights(Int), updateBias(Int)
    }

    public init(setup: TrainingSetup, schema: TraceSchema? = nil) {
        let schema = schema ?? TraceSchema(setup: setup)
        self.schema = schema
        learningRate = setup.learningRate
        learningRateText = NumberFormat.parameter(setup.learningRate)
        bugs = BugSwitches(setup.bugs)
        notebookMode = setup.mode == .notebook
        var specs: [LineSpec] = []
        func add(_ kind: LineKind, _ phase: TracePhase, _ entries: [TraceEntry?]) {
            let keys = entries.compactMap { $0?.id }
            if !keys.isEmpty { specs.append(LineSpec(kind: kind, phase: phase, keys: keys)) }
        }
        func e(_ q: TraceQuantity, _ l: Int = 0, _ phase: TracePhase? = nil) -> TraceEntry? {
            schema.entry(q, layer: l, phase: phase)
        }
        let L = schema.layers
        let single = schema.architecture.isSingleNeuron
        if single {
            add(.inputs, .forward, [e(.input), e(.target), e(.weights, 1, .forward), e(.bias, 1, .forward)])
        } else {
            add(.inputs, .forward, [e(.input), e(.target)])
            for l in 1...L { add(.parameters(l), .forward, [e(.weights, l, .forward), e(.bias, l, .forward)]) }
        }
        for l in 1...L {
            add(.preActivation(l), .forward, [e(.preActivation, l)])
            add(.activation(l), .forward, [e(l == L ? .output : .activation, l)])
        }
        add(.loss, .forward, [e(.loss)])
        add(.dLossDOutput, .backward, [e(.dLossDOutput)])
        for l in stride(from: L, through: 1, by: -1) {
            add(.dLossDActivation(l), .backward, [e(.dLossDActivation, l)])
            add(.slope(l), .backward, [e(.slope, l)])
            add(.delta(l), .backward, [e(.delta, l)])
            add(.dZDW, .backward, [e(.dPreActivationDWeights, l)])
            add(.dLossDWeights(l), .backward, [e(.dLossDWeights, l)])
            add(.dLossDBias(l), .backward, [e(.dLossDBias, l)])
        }
        for l in 1...L {
            add(.checkWeights(l), .backward, [e(.numericDWeights, l), e(.relativeErrorDWeights, l)])
            add(.checkBias(l), .backward, [e(.numericDBias, l), e(.relativeErrorDBias, l)])
        }
        for l in stride(from: L, through: 1, by: -1) {
            add(.meanWeights(l), .update, [e(.meanDWeights, l)])
            add(.meanBias(l), .update, [e(.meanDBias, l)])
        }
        for l in 1...L {
            add(.updateWeights(l), .update, [e(.weights, l, .update)])
            add(.updateBias(l), .update, [e(.bias, l, .update)])
        }
        self.specs = specs
        var completing = [Int](repeating: -1, count: schema.entries.count)
        for (i, spec) in specs.enumerated() {
            if let last = spec.keys.last { completing[last] = i }
        }
        self.completing = completing
    }

    /// Every line of a step in order; a line shows numbers only once they exist in `values`.
    public func lines(_ values: StepValues) -> [EquationLine] {
        specs.map { render($0, values) }
    }

    /// The line an entry completes, for printers that write a line as soon as its value exists.
    /// Only that line is built.
    public func line(completedBy entryID: Int, _ values: StepValues) -> EquationLine? {
        guard entryID >= 0, entryID < completing.count, completing[entryID] >= 0 else { return nil }
        return render(specs[completing[entryID]], values)
    }

    /// "L = Σᵢ (yᵢ − ŷᵢ)² = … = total": the epoch's sum of its samples' losses.
    public func epochLoss(sampleLosses: [Double], total: Double?) -> EquationLine {
        var line = EquationLine(phase: .epoch, keys: schema.entry(.epochLoss).map { [$0.id] } ?? [],
                                symbolic: "L = " + schema.loss.sumFormula)
        if sampleLosses.count > 1 {
            let shown = sampleLosses.count <= 8
                ? sampleLosses.map(NumberFormat.short)
                : sampleLosses.prefix(3).map(NumberFormat.short) + ["…"] + sampleLosses.suffix(2).map(NumberFormat.short)
            line.substituted = shown.joined(separator: " + ")
        }
        line.result = total.map(NumberFormat.short)
        return line
    }

    // MARK: Symbols

    /// "₁" for 1: layer subscripts.
    public static func subscripted(_ n: Int) -> String {
        let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(String(n).map { $0.wholeNumberValue.map { digits[$0] } ?? $0 })
    }

    /// A layer's symbol: "W" for the single neuron, "W₂" for layer 2 of a layered network.
    func symbol(_ base: String, _ l: Int) -> String {
        schema.architecture.isSingleNeuron ? base : base + Self.subscripted(l)
    }

    /// The activation a_l's symbol: ŷ at the output, x below the first layer.
    func activationSymbol(_ l: Int) -> String {
        if l == 0 { return "x" }
        return l == schema.layers ? "ŷ" : "a" + Self.subscripted(l)
    }

    /// An entry's numbers at this point, nil while not published.
    func numbers(_ v: StepValues, _ q: TraceQuantity, _ l: Int = 0, _ phase: TracePhase? = nil) -> ArraySlice<Double>? {
        v.values(q, layer: l, phase: phase)
    }

    /// An entry's numbers written in its shape.
    func shown(_ v: StepValues, _ q: TraceQuantity, _ l: Int = 0, _ phase: TracePhase? = nil) -> String? {
        guard let entry = schema.entry(q, layer: l, phase: phase), let values = v[entry] else { return nil }
        return NumberFormat.value(Array(values), shape: entry.shape)
    }
}
