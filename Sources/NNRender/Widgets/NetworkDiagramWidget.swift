import NNCore

/// The network as a diagram, for any architecture, with the current values on its units and
/// edges; in the backward and update phases the arrows turn round and gradients appear.
///
/// The notebook's single neuron gets its expanded picture (x₁, x₂ → Σ → σ → ŷ, `NeuronDiagram`).
/// A layered network is drawn as columns of units (`LayeredDiagram`). When the area is smaller
/// than the picture needs, the same values are listed as compact "name value" items. The term
/// just computed is highlighted.
public struct NetworkDiagramWidget: Widget {
    public var snapshot: TraceSnapshot?
    public var schema: TraceSchema
    public var ascii: Bool
    public var color: Bool
    /// The parameters to show before any step is computed (`--epochs 0`): the starting draw.
    public var startingNetwork: MLP?

    public init(snapshot: TraceSnapshot?, schema: TraceSchema, ascii: Bool = false, color: Bool = false, startingNetwork: MLP? = nil) {
        self.startingNetwork = startingNetwork
        self.snapshot = snapshot
        self.schema = schema
        self.ascii = ascii
        self.color = color
    }

    /// The area the full picture needs for this network, so a screen layout can make room for it.
    public static func preferredSize(for schema: TraceSchema, ascii: Bool = false) -> (width: Int, height: Int) {
        if schema.architecture.isSingleNeuron { return (NeuronDiagram.size.width, NeuronDiagram.size.height + 1) }
        let layout = LayeredDiagram.Layout(schema: schema, ascii: ascii, rows: Int.max)
        return (layout.width, layout.heightWithLayerLines + 1)
    }

    /// The smallest area that gets the picture rather than the list.
    public static func minimumSize(for schema: TraceSchema, ascii: Bool = false) -> (width: Int, height: Int) {
        if schema.architecture.isSingleNeuron { return NeuronDiagram.size }
        let layout = LayeredDiagram.Layout(schema: schema, ascii: ascii, rows: LayeredDiagram.minimumRows)
        return (layout.width, layout.height)
    }

    var values: StepValues? { snapshot?.values }

    /// In the backward and update phases gradients flow back.
    var isBackward: Bool {
        guard let phase = snapshot?.event.phase else { return false }
        return phase == .backward || phase == .update
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        let minimum = Self.minimumSize(for: schema, ascii: ascii)
        if area.width >= minimum.width && area.height >= minimum.height {
            if schema.architecture.isSingleNeuron {
                NeuronDiagram(widget: self).draw(into: &buffer, area: area)
            } else {
                LayeredDiagram(widget: self).draw(into: &buffer, area: area)
            }
        } else {
            DiagramLabels.drawCompact(compactItems(), event: snapshot?.event, into: &buffer, area: area, ascii: ascii, color: color)
        }
    }

    /// One line on what the phase is doing, the longest form that fits `width` (else the shortest).
    public func caption(width: Int) -> String {
        let forms: [String]
        switch snapshot?.event.phase {
        case nil: forms = ["no step yet"]
        case .forward: forms = ["forward pass: values flow →"]
        case .backward: forms = ["backward pass: gradients flow ←"]
        case .update where showsBatchMean && !showsUpdate:
            forms = ["update: the gradients shown are the batch's means", "update: the batch's mean gradients", "update: batch means"]
        case .update:
            let new = "update: new " + (schema.architecture.isSingleNeuron ? "W and b" : "weights")
            forms = [new + "; z and ŷ come with the next sample", new + "; z, ŷ with the next sample", new]
        case .epoch: forms = ["epoch done: L = " + schema.loss.sumFormula]
        }
        return forms.first { DrawText.prepare($0, ascii: ascii).count <= width } ?? forms[forms.count - 1]
    }

    // MARK: Labels

    typealias Label = DiagramLabels.Label

    /// "name value", or just the name while the value is unknown; gradients only once known.
    func label(_ name: String, _ value: String?, _ keys: [TraceEntry?], gradient: Bool = false) -> Label? {
        let ids = keys.compactMap { $0?.id }
        if gradient {
            guard isBackward, let value else { return nil }
            return Label(text: DrawText.prepare("←" + name + " " + value, ascii: ascii), keys: ids, isGradient: true)
        }
        let text = value.map { name + " " + $0 } ?? name
        return Label(text: DrawText.prepare(text, ascii: ascii), keys: ids, isGradient: false)
    }

    func entry(_ q: TraceQuantity, _ l: Int = 0, _ phase: TracePhase? = nil) -> TraceEntry? {
        schema.entry(q, layer: l, phase: phase)
    }

    /// A quantity's numbers at the cursor, nil while not published.
    func numbers(_ q: TraceQuantity, _ l: Int = 0, _ phase: TracePhase? = nil) -> ArraySlice<Double>? {
        values?[entry(q, l, phase)]
    }

    /// The gradient of a layer's weights or bias that the update uses: once a batch's mean is
    /// out, that mean; before, this sample's own.
    func stepGradient(weights: Bool, _ l: Int) -> (numbers: ArraySlice<Double>?, entry: TraceEntry?) {
        let mean: TraceQuantity = weights ? .meanDWeights : .meanDBias
        if let numbers = numbers(mean, l) { return (numbers, entry(mean, l)) }
        let own: TraceQuantity = weights ? .dLossDWeights : .dLossDBias
        return (numbers(own, l), entry(own, l))
    }

    /// Whether a batch's mean gradients are out: the gradient labels then show them.
    var showsBatchMean: Bool { numbers(.meanDWeights, schema.layers) != nil }

    /// Whether this step's update is out: the diagram then shows the new parameters, and no
    /// longer the z, ŷ and L that the old ones gave (they come with the next sample).
    var showsUpdate: Bool { numbers(.weights, 1, .update) != nil }

    /// A layer's parameters in force: the new ones once the update is out, else those this step's
    /// forward pass used; before any step, those the network holds.
    func parameters(_ weights: Bool, _ l: Int) -> ArraySlice<Double>? {
        let q: TraceQuantity = weights ? .weights : .bias
        if let updated = numbers(q, l, .update) { return updated }
        if let used = numbers(q, l, .forward) { return used }
        guard let network = snapshot?.network ?? startingNetwork else { return nil }
        return weights ? network.weights(l) : network.biases(l)
    }

    func style(for label: Label) -> Style {
        DiagramLabels.style(for: label, event: snapshot?.event, color: color)
    }

    // MARK: Compact

    /// Every known value as a "name value" item, forward first, gradients in the backward phases.
    func compactItems() -> [Label] {
        let F = NumberFormat.self
        var items: [Label?] = []
        guard let values else { return [] }
        let single = schema.architecture.isSingleNeuron
        // ∂z/∂W is x again: the list leaves it out.
        for entry in schema.entries where entry.group == .sample && entry.quantity != .dPreActivationDWeights && values.has(entry) {
            guard let numbers = values[entry] else { continue }
            let gradient = entry.phase == .backward
            let text = F.value(Array(numbers), shape: entry.shape, limit: 4)
            items.append(label(Self.symbol(entry, single: single), text, [entry], gradient: gradient))
        }
        return items.compactMap { $0 }
    }

    /// How a learner reads an entry's name: "W₁", "∂L/∂W₂", "δ₁", "ŷ".
    static func symbol(_ entry: TraceEntry, single: Bool) -> String {
        let l = single || entry.layer == 0 ? "" : DiagramLabels.subscripted(entry.layer, ascii: false)
        switch entry.quantity {
        case .input: return "x"
        case .target: return "y"
        case .weights: return "W" + l
        case .bias: return "b" + l
        case .preActivation: return "z" + l
        case .activation: return "a" + l
        case .output: return "ŷ"
        case .loss, .epochLoss: return "L"
        case .dLossDOutput: return "∂L/∂ŷ"
        case .slope: return single ? "∂ŷ/∂z" : "∂a\(l)/∂z\(l)"
        case .delta: return "δ" + l
        case .dLossDActivation: return "∂L/∂a" + l
        case .dPreActivationDWeights: return "∂z/∂W"
        case .dLossDWeights: return "∂L/∂W" + l
        case .dLossDBias: return "∂L/∂b" + l
        default: return entry.name
        }
    }
}
