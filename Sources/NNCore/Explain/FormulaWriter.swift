/// A provenance's formula written twice side by side, in symbols and with the values substituted,
/// and the inputs it names: one call per term keeps the two texts and the input list in step.
struct FormulaWriter {
    let values: StepValues
    private(set) var formula = ""
    private(set) var substituted = ""
    private(set) var inputs: [Provenance.Input] = []
    /// Set when a rule names an input the schema lacks or the step has not published: the builder
    /// then explains nothing rather than something wrong.
    private(set) var failed = false

    init(values: StepValues) {
        self.values = values
    }

    /// The same text on both sides: operators, brackets, words.
    mutating func text(_ both: String) {
        formula += both
        substituted += both
    }

    /// Different text on each side: "2h" against "2·(1e−06)", or words for the formula alone.
    mutating func text(_ formulaText: String, _ substitutedText: String) {
        formula += formulaText
        substituted += substitutedText
    }

    /// An input, written as its symbol (or `written`) and as its value: in parentheses, so signs read
    /// unambiguously, unless `bare` (a function's argument, already in its own brackets).
    mutating func input(_ quantity: TraceQuantity, _ layer: Int = 0, _ phase: TracePhase? = nil, _ index: Int = 0,
                        bare: Bool = false, source: Provenance.Input.Source = .thisStep, written: String? = nil) {
        guard let input = published(quantity, layer, phase, index, source: source) else { return }
        formula += written ?? input.symbol
        let text = Provenance.fullPrecision(input.value)
        substituted += bare ? text : "(" + text + ")"
        add(input)
    }

    /// An input named by words that already state its value, the same on both sides: "since y = 1".
    mutating func mention(_ quantity: TraceQuantity, _ layer: Int = 0, _ index: Int = 0, as words: String) {
        guard let input = published(quantity, layer, nil, index, source: .thisStep) else { return }
        text(words)
        add(input)
    }

    /// An input listed without being written, for formulas whose text comes whole (a slope's).
    mutating func list(_ quantity: TraceQuantity, _ layer: Int = 0, _ index: Int = 0) {
        guard let input = published(quantity, layer, nil, index, source: .thisStep) else { return }
        add(input)
    }

    /// A parameter in force: where its value was set, a record of another step (or the draw), with
    /// the value it holds here, which is the value that record published.
    mutating func link(_ quantity: TraceQuantity, _ layer: Int, _ phase: TracePhase, _ index: Int, value: Double,
                       source: Provenance.Input.Source) {
        guard let component = component(quantity, layer, phase, index) else { return }
        add(Provenance.Input(component: component, symbol: ProvenanceBuilder.symbol(of: component, in: values.schema),
                             value: value, source: source))
    }

    /// A constant the trace does not publish (η, h): its symbol, and its value substituted.
    mutating func constant(_ symbol: String, _ value: Double) {
        formula += symbol
        substituted += "(" + Provenance.fullPrecision(value) + ")"
    }

    /// A published number of this step, NaN (and `failed`) when there is none.
    mutating func value(_ quantity: TraceQuantity, _ layer: Int = 0, _ phase: TracePhase? = nil, _ index: Int = 0) -> Double {
        published(quantity, layer, phase, index, source: .thisStep)?.value ?? .nan
    }

    /// The component of an entry, nil (and `failed`) when the schema has no such entry or index.
    mutating func component(_ quantity: TraceQuantity, _ layer: Int, _ phase: TracePhase?, _ index: Int) -> TraceComponent? {
        guard let entry = values.schema.entry(quantity, layer: layer, phase: phase), index >= 0, index < entry.count else {
            failed = true
            return nil
        }
        return TraceComponent(entry: entry, index: index)
    }

    private mutating func published(_ quantity: TraceQuantity, _ layer: Int, _ phase: TracePhase?, _ index: Int,
                                    source: Provenance.Input.Source) -> Provenance.Input? {
        guard let component = component(quantity, layer, phase, index) else { return nil }
        guard values.has(component.entry) else {
            failed = true
            return nil
        }
        return Provenance.Input(component: component, symbol: ProvenanceBuilder.symbol(of: component, in: values.schema),
                                value: values.row[component.entry.offset + component.index], source: source)
    }

    /// Each input once, where the formula first names it: a(1 − a) has one input.
    private mutating func add(_ input: Provenance.Input) {
        if !inputs.contains(where: { $0.component == input.component }) { inputs.append(input) }
    }
}
