/// Explains any traced number: the equation the engine used for it, with its inputs' values, and
/// the inputs themselves, so a front end can walk the chain rule backwards one value at a time.
///
/// The rules restate the arithmetic of `StepEngine` (and `SingleNeuronKernel`, `GradientCheck`,
/// `Trainer`) term for term and in the same order, so an input list evaluated as its formula says
/// gives the traced number bit for bit; the tests hold every rule to that.
public enum ProvenanceBuilder {
    /// The provenance of `component` at a point of a step where it has been published, or nil when it
    /// is not yet published (or is not a component of this step's schema).
    ///
    /// `position` says where the step falls in the run. Without it the parameters in force list no
    /// input (which update set them cannot be known from the values alone), x and y name no sample, and
    /// a batch mean or epoch sum leaves its count of terms as k or n.
    public static func explain(_ component: TraceComponent, in values: StepValues, setup: TrainingSetup,
                               at position: StepPosition? = nil) -> Provenance? {
        let schema = values.schema, entry = component.entry
        guard schema.entries.indices.contains(entry.id), schema.entries[entry.id] == entry,
              component.index >= 0, component.index < entry.count, values.has(entry) else { return nil }
        var rules = ProvenanceRules(component: component, values: values, setup: setup, position: position)
        rules.write()
        guard !rules.w.failed else { return nil }
        return Provenance(symbol: symbol(of: component, in: schema), formula: rules.w.formula, substituted: rules.w.substituted,
                          value: values.row[entry.offset + component.index], inputs: rules.w.inputs, note: rules.note)
    }
}

/// The rules for one component, a quantity at a time; this file holds the forward pass.
struct ProvenanceRules {
    let component: TraceComponent
    let schema: TraceSchema
    let setup: TrainingSetup
    let position: StepPosition?
    let bugs: BugSwitches
    /// The component's layer, its index in its entry, and the network's layer count L.
    let l: Int, k: Int, L: Int
    var w: FormulaWriter
    var note: String?

    init(component: TraceComponent, values: StepValues, setup: TrainingSetup, position: StepPosition?) {
        self.component = component
        schema = values.schema
        self.setup = setup
        self.position = position
        bugs = BugSwitches(setup.bugs)
        l = component.entry.layer
        k = component.index
        L = values.schema.layers
        w = FormulaWriter(values: values)
    }

    var isSingleNeuron: Bool { schema.architecture.isSingleNeuron }

    mutating func write() {
        switch component.entry.quantity {
        case .input, .target: given()
        case .weights, .bias: component.entry.phase == .update ? update() : inForce()
        case .preActivation: preActivation()
        case .activation, .output: activation()
        case .loss: loss()
        case .dLossDOutput: dLossDOutput()
        case .slope: slope()
        case .delta: delta()
        case .dLossDActivation: dLossDActivation()
        case .dPreActivationDWeights: w.input(.input, 0, nil, k)  // ∂z/∂W = x, copied
        case .dLossDWeights: dLossDWeights()
        case .dLossDBias: dLossDBias()
        case .numericDWeights, .numericDBias: numeric()
        case .relativeErrorDWeights, .relativeErrorDBias: relativeError()
        case .meanDWeights, .meanDBias: mean()
        case .epochLoss: epochLoss()
        case .trainLoss, .testLoss, .trainAccuracy, .testAccuracy: evaluation()
        }
    }

    // MARK: Layers

    /// a_{l−1}: x below the first layer.
    func below(_ l: Int) -> (TraceQuantity, Int) { l == 1 ? (.input, 0) : (.activation, l - 1) }

    /// a_l: ŷ at the output.
    func activationQuantity(_ l: Int) -> TraceQuantity { l == L ? .output : .activation }

    /// f of layer l: the output is always a sigmoid.
    func function(_ l: Int) -> Activation { l == L ? .sigmoid : schema.activation }

    /// The symbol of another component of this step.
    mutating func symbol(_ quantity: TraceQuantity, _ layer: Int = 0, _ phase: TracePhase? = nil, _ index: Int = 0) -> String {
        w.component(quantity, layer, phase, index).map { ProvenanceBuilder.symbol(of: $0, in: schema) } ?? "?"
    }

    // MARK: Forward

    /// x and y: data, not computed.
    mutating func given() {
        w.text("given: " + (position.map { "sample \($0.sample) of the data set" } ?? "this step's sample of the data set"))
    }

    /// W and b as the forward pass reads them: whatever the last update left, or the start.
    mutating func inForce() {
        let quantity = component.entry.quantity
        let draw = setup.initialParameters == nil ? "drawn by numpy's randn with seed \(setup.seed)" : "given by --init"
        guard let position else {
            w.text("in force: set by the last update (before the first, \(draw))")
            return
        }
        let value = w.value(quantity, l, .forward, k)
        // A batch updates only at its end, so every step of it reads the same parameters.
        let within = position.placeInBatch(setup.batch) > 0 ? ", unchanged within this batch" : ""
        if let step = position.lastUpdateStep(setup.batch) {
            w.text("in force: set by the update at step \(step)" + within)
            w.link(quantity, l, .update, k, value: value, source: .previousUpdate)
        } else {
            w.text("in force: " + draw + within)
            w.link(quantity, l, .forward, k, value: value, source: .initialDraw)
        }
    }

    /// z_l[i] = W_l[i][0]·a_{l−1}[0] + W_l[i][1]·a_{l−1}[1] + … + b_l[i], left to right (`weightedSum`).
    mutating func preActivation() {
        let n = schema.architecture.inputs(ofLayer: l)
        let (input, inputLayer) = below(l)
        for j in 0..<n {
            if j > 0 { w.text(" + ") }
            w.input(.weights, l, .forward, k * n + j)
            w.text("·")
            w.input(input, inputLayer, nil, j)
        }
        w.text(" + ")
        w.input(.bias, l, .forward, k)
    }

    /// a_l[i] = f(z_l[i]); ŷ = σ(z_L).
    mutating func activation() {
        let f = function(l)
        if f == .linear {
            w.input(.preActivation, l, nil, k, bare: true)
            return
        }
        w.text(f.symbol + "(")
        w.input(.preActivation, l, nil, k, bare: true)
        w.text(")")
    }

    /// (y − ŷ)², or cross-entropy's branch for this y: −log ŷ (y = 1) or −log(1 − ŷ).
    mutating func loss() {
        if schema.loss == .squared {
            w.text("(")
            w.input(.target)
            w.text(" − ")
            w.input(.output, L)
            w.text(")²")
            return
        }
        let y = w.value(.target)
        w.text(y == 1 ? "−log(" : "−log(1 − ")
        w.input(.output, L, nil, 0, bare: true)
        w.text("), since ")
        w.mention(.target, as: Self.branch(y))
    }

    /// "y = 1", "y = 0": which branch of cross-entropy a target takes (any y other than 1 takes the second).
    static func branch(_ y: Double) -> String {
        y == 1 ? "y = 1" : y == 0 ? "y = 0" : "y = \(Provenance.fullPrecision(y)) ≠ 1"
    }

    /// train_loss, test_loss and the accuracies: separate forward passes whose numbers are not traced.
    mutating func evaluation() {
        let part = component.entry.quantity == .trainLoss || component.entry.quantity == .trainAccuracy
            ? "the training samples" : "the held-out test samples"
        let what = component.entry.quantity == .trainLoss || component.entry.quantity == .testLoss
            ? "the mean loss over " + part
            : "the fraction of " + part + " classified right (ŷ ≥ 0.5 predicts 1)"
        w.text(what + ", with the parameters at the epoch's end")
        note = "a forward pass of its own over each sample after the epoch's last update; those passes are not traced"
    }
}
