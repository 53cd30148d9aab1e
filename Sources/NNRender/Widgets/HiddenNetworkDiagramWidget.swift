import NNCore

/// The 2-N-1 network as a diagram: x₁, x₂ → hidden units h₁…h_N → output, with live values.
///
/// Each hidden unit takes two rows: "hᵢ a₁[i] z z₁[i]" with its W₁ row "w (a, b)" beneath, and an
/// edge to the output bus labelled W₂[i]. The inputs join one bus into every unit. Right of the
/// output bus stand b₂, z₂ and ŷ; below the units, y and L. In the backward and update phases the
/// arrowheads turn round, δ₁[i] replaces z₁[i] beside each unit, ∂L/∂W₂[i] appears under its edge,
/// δ₂ under ŷ and ∂L/∂ŷ under L. A caption follows when there is a row for it. The term just
/// computed is highlighted (∂L/∂W₁ = δ₁xᵀ and ∂L/∂b₁ = δ₁ light up δ₁, ∂L/∂b₂ = δ₂ lights up δ₂).
/// Areas too small for the diagram get a compact list of "name value" items.
public struct HiddenNetworkDiagramWidget: Widget {
    public var snapshot: TraceSnapshot?
    public var ascii: Bool
    public var color: Bool

    public init(snapshot: TraceSnapshot?, ascii: Bool = false, color: Bool = false) {
        self.snapshot = snapshot
        self.ascii = ascii
        self.color = color
    }

    typealias Label = NetworkDiagramWidget.Label
    private typealias F = NumberFormat

    /// Every number is laid out as if it took this many columns ("−0.1234"), so the diagram keeps
    /// its shape from step to step; longer numbers widen it.
    static let numberWidth = 7

    var values: StepValues { snapshot?.values ?? StepValues() }
    var isBackward: Bool {
        guard let phase = snapshot?.event.phase else { return false }
        return phase == .backward || phase == .update
    }

    /// The hidden network in force at the start of the step, for weights not yet published.
    private var networkInForce: HiddenLayerNetwork? {
        if case .hidden(let h) = snapshot?.network { return h }
        return nil
    }

    private func list(_ phase: TracePhase, _ name: TraceName) -> [Double]? { values[phase, name]?.components }

    /// Weights in force: the updated ones once published, else those used, else the network's.
    private var W1: [Double]? { list(.update, .W1) ?? list(.forward, .W1) ?? networkInForce?.W1 }
    private var b1: [Double]? { list(.update, .b1) ?? list(.forward, .b1) ?? networkInForce?.b1 }
    private var W2: [Double]? { list(.update, .W2) ?? list(.forward, .W2) ?? networkInForce?.W2 }
    private var b2: Double? { values.scalar(.update, .b2) ?? values.scalar(.forward, .b2) ?? networkInForce?.b2 }

    /// Hidden units, from whatever the step has published; 0 when this is not a hidden network.
    var units: Int {
        if let b = b1 { return b.count }
        if let a = list(.forward, .a1) ?? list(.forward, .z1) { return a.count }
        if let w = W1 { return w.count / 2 }
        return 0
    }

    private func keys(_ pairs: (TracePhase, TraceName)...) -> [TraceKey] { pairs.map { TraceKey($0.0, $0.1) } }

    /// "name value", or just the name while the value is unknown; gradients only once known.
    private func label(_ name: String, _ value: String?, _ keys: [TraceKey], gradient: Bool = false) -> Label? {
        if gradient {
            guard isBackward, let value else { return nil }
            return Label(text: DrawText.prepare("←" + name + " " + value, ascii: ascii), keys: keys, isGradient: true)
        }
        return Label(text: DrawText.prepare(value.map { name + " " + $0 } ?? name, ascii: ascii), keys: keys, isGradient: false)
    }

    private func sub(_ n: Int) -> String { DiagramLabels.subscripted(n, ascii: ascii) }
    private func component(_ v: [Double]?, _ i: Int) -> Double? {
        guard let v, i >= 0, i < v.count else { return nil }
        return v[i]
    }
    private func row(_ m: [Double]?, _ i: Int) -> SIMD2<Double>? {
        guard let m, 2 * i + 1 < m.count else { return nil }
        return SIMD2(m[2 * i], m[2 * i + 1])
    }

    private var W1Keys: [TraceKey] { keys((.forward, .W1), (.update, .W1)) }
    private var W2Keys: [TraceKey] { keys((.forward, .W2), (.update, .W2)) }
    private var delta1Keys: [TraceKey] { keys((.backward, .delta1), (.backward, .dLossDB1), (.backward, .dLossDW1)) }
    private var delta2Keys: [TraceKey] { keys((.backward, .delta2), (.backward, .dLossDB2)) }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        if let layout = layout(), area.width >= layout.width && area.height >= layout.height {
            drawDiagram(layout, into: &buffer, area: area)
        } else {
            DiagramLabels.drawCompact(compactItems(), event: snapshot?.event, into: &buffer, area: area, ascii: ascii, color: color)
        }
    }

    // MARK: Layout

    /// The labels of one hidden unit.
    struct UnitLabels {
        var unit: Label?
        /// z₁[i] going forward, δ₁[i] going back.
        var beside: Label?
        var weights: Label?
        var outWeight: Label?
        var outGradient: Label?
    }

    /// Column positions and the rows the diagram needs.
    struct Layout {
        var units: [UnitLabels]
        var inputs: [Label?]
        var inputWidth: Int
        var unitWidth: Int
        var edgeWidth: Int
        var outputWidth: Int
        var n: Int { units.count }
        var bus: Int { inputWidth + 1 }
        var unitColumn: Int { bus + 2 }
        var edgeColumn: Int { unitColumn + unitWidth + 1 }
        var outBus: Int { edgeColumn + edgeWidth }
        var outColumn: Int { outBus + 2 }
        var width: Int { outColumn + outputWidth }
        /// The output arrow enters beside the middle unit's second row.
        var outRow: Int { 2 * ((n - 1) / 2) + 1 }
        /// Unit rows, and enough for b₂, z₂, ŷ, δ₂ to the right.
        var block: Int { max(2 * n, outRow + 3) }
        /// The block, then y and L, then ∂L/∂ŷ.
        var height: Int { block + 2 }
    }

    private func unitLabels(_ i: Int) -> UnitLabels {
        let h = "h" + sub(i + 1)
        var u = UnitLabels()
        u.unit = label(h, component(list(.forward, .a1), i).map(F.short), keys((.forward, .a1)))
        if isBackward {
            u.beside = label("δ", component(list(.backward, .delta1), i).map(F.short), delta1Keys, gradient: true)
        } else {
            u.beside = component(list(.forward, .z1), i).map { label("z", F.short($0), keys((.forward, .z1))) } ?? nil
        }
        u.weights = label("w", row(W1, i).map(F.pair), W1Keys)
        u.outWeight = component(W2, i).map { Label(text: DrawText.prepare(F.short($0), ascii: ascii), keys: W2Keys, isGradient: false) }
        // Under the edge only the value: the column is as narrow as a number.
        if isBackward, let g = component(list(.backward, .dLossDW2), i) {
            u.outGradient = Label(text: DrawText.prepare("←" + F.short(g), ascii: ascii), keys: keys((.backward, .dLossDW2)), isGradient: true)
        }
        return u
    }

    private var outputStack: [Label?] {
        [
            label("b" + sub(2), b2.map(F.short), keys((.forward, .b2), (.update, .b2))),
            label("z" + sub(2), values.scalar(.forward, .z2).map(F.short), keys((.forward, .z2))),
            label("ŷ", values.scalar(.forward, .yHat).map(F.short), keys((.forward, .yHat))),
            label("δ" + sub(2), values.scalar(.backward, .delta2).map(F.short), delta2Keys, gradient: true),
        ]
    }

    /// Widths from the labels, at least what 4-decimal numbers need in either phase; nil without units.
    func layout() -> Layout? {
        let n = units
        guard n > 0 else { return nil }
        let x = values.pair(.forward, .x)
        let inputs = [0, 1].map { c in label("x" + sub(c + 1), x.map { F.short($0[c]) }, keys((.forward, .x))) }
        let units = (0..<n).map(unitLabels)
        let number = String(repeating: "0", count: Self.numberWidth)
        func width(_ text: String) -> Int { DrawText.prepare(text, ascii: ascii).count }
        // An activation lies in (0, 1): no minus sign.
        let h = "h" + sub(n), activation = String(number.dropFirst())
        let nominalUnit = max(width(h + " " + activation + " z " + number), width(h + " " + activation + " ←δ " + number),
                              width("w (" + number + ", " + number + ")"))
        let unitWidth = units.reduce(nominalUnit) { widest, u in
            let first = (u.unit?.text.count ?? 0) + (u.beside.map { $0.text.count + 1 } ?? 0)
            return max(widest, first, u.weights?.text.count ?? 0)
        }
        let edgeNumbers = units.reduce(width("←" + number) - 1) {
            max($0, $1.outWeight?.text.count ?? 0, ($1.outGradient?.text.count ?? 0) - 1)
        }
        let nominalOut = width("←δ" + sub(2) + " " + number)
        let outputWidth = outputStack.reduce(nominalOut) { max($0, $1?.text.count ?? 0) }
        return Layout(
            units: units, inputs: inputs, inputWidth: inputs.reduce(0) { max($0, $1?.text.count ?? 0) },
            unitWidth: unitWidth, edgeWidth: edgeNumbers + 2, outputWidth: outputWidth)
    }

    // MARK: Diagram

    private func drawDiagram(_ layout: Layout, into buffer: inout Buffer, area: Rect) {
        let g = BoxGlyphs.set(ascii: ascii)
        let edge: Style = color ? .fg(.cyan) : .plain
        let event = snapshot?.event
        func put(_ character: Character, _ x: Int, _ y: Int) {
            guard area.contains(x: area.x + x, y: area.y + y) else { return }
            buffer[area.x + x, area.y + y] = Cell(character, style: edge)
        }
        func hline(_ from: Int, _ to: Int, _ y: Int) {
            guard from <= to else { return }
            for x in from...to { put(g.horizontal, x, y) }
        }
        /// Writes a label from column x, at most `width` columns; returns the column after it.
        @discardableResult
        func write(_ label: Label?, _ x: Int, _ y: Int, width: Int) -> Int {
            guard let label, width > 0 else { return x }
            let text = DrawText.truncate(label.text, width: width, ascii: ascii)
            buffer.write(text, x: area.x + x, y: area.y + y, style: DiagramLabels.style(for: label, event: event, color: color), clip: area)
            return x + text.count
        }
        /// A label that prefers column x but moves left to stay inside the area (not left of `floor`).
        func writeRight(_ label: Label?, _ x: Int, _ y: Int, floor: Int) {
            guard let label else { return }
            let start = max(floor, min(x, area.width - label.text.count))
            write(label, start, y, width: area.width - start)
        }
        let back = isBackward
        let n = layout.n
        let arrow = back ? g.arrowLeft : g.arrowRight

        // Inputs: x₁ and x₂ join one bus, which feeds every unit's first row.
        let inputRows = [n - 1, n]
        let busEnd = max(2 * n - 2, n)
        for (row, input) in zip(inputRows, layout.inputs) {
            let end = write(input, 0, row, width: layout.inputWidth)
            hline(end, layout.bus - 1, row)
        }
        for r in 0...busEnd {
            let isUnitRow = r % 2 == 0 && r / 2 < n
            put(DiagramLabels.junction(up: r > 0, down: r < busEnd, left: inputRows.contains(r), right: isUnitRow, ascii: ascii),
                layout.bus, r)
            if isUnitRow { put(arrow, layout.bus + 1, r) }
        }

        // Units: value and z₁ (or δ₁) on the first row, the W₁ row under it; the edge out carries W₂.
        for (i, u) in layout.units.enumerated() {
            let r = 2 * i
            var end = write(u.unit, layout.unitColumn, r, width: layout.unitWidth)
            if let beside = u.beside { end = write(beside, end + 1, r, width: layout.unitColumn + layout.unitWidth - end - 1) }
            hline(end + 1, layout.outBus - 1, r)
            if back { put(g.arrowLeft, layout.edgeColumn, r) }
            write(u.outWeight, layout.edgeColumn + 1, r, width: layout.edgeWidth - 2)
            write(u.weights, layout.unitColumn, r + 1, width: layout.unitWidth)
            write(u.outGradient, layout.edgeColumn, r + 1, width: layout.edgeWidth)
        }

        // The output bus gathers the edges; its arrow enters the output beside z₂.
        let outEnd = max(2 * n - 2, layout.outRow)
        for r in 0...outEnd {
            let isUnitRow = r % 2 == 0 && r / 2 < n
            put(DiagramLabels.junction(up: r > 0, down: r < outEnd, left: isUnitRow, right: r == layout.outRow, ascii: ascii),
                layout.outBus, r)
        }
        put(arrow, layout.outBus + 1, layout.outRow)
        for (offset, item) in outputStack.enumerated() {
            write(item, layout.outColumn, layout.outRow - 1 + offset, width: layout.outputWidth)
        }

        // Target and loss under the output, then the gradient that starts the backward pass.
        if let target = label("y", values.scalar(.forward, .y).map(F.short), keys((.forward, .y))),
           let loss = label("L", values.scalar(.forward, .loss).map(F.short), keys((.forward, .loss)))
        {
            let start = max(layout.unitColumn, min(layout.outColumn, area.width - target.text.count - 2 - loss.text.count))
            let end = write(target, start, layout.block, width: area.width - start)
            write(loss, end + 2, layout.block, width: area.width - end - 2)
        }
        writeRight(label("∂L/∂ŷ", values.scalar(.backward, .dLossDYHat).map(F.short), keys((.backward, .dLossDYHat)), gradient: true),
                   layout.outColumn, layout.block + 1, floor: layout.unitColumn)

        if area.height > layout.height {
            let caption = NetworkDiagramWidget(snapshot: snapshot, ascii: ascii).caption
            buffer.write(DrawText.truncate(DrawText.prepare(caption, ascii: ascii), width: area.width, ascii: ascii),
                         x: area.x, y: area.y + layout.height, style: .dim, clip: area)
        }
    }

    // MARK: Compact

    /// Every known value as a "name value" item, layer by layer, gradients in the backward phases.
    func compactItems() -> [Label] {
        func vector(_ v: [Double]) -> String { "(" + v.map(F.short).joined(separator: ", ") + ")" }
        func matrix(_ m: [Double]) -> String {
            "(" + stride(from: 0, to: m.count - 1, by: 2).map { F.pair(SIMD2(m[$0], m[$0 + 1])) }.joined(separator: ", ") + ")"
        }
        func item(_ name: String, _ text: String?, _ keys: [TraceKey], gradient: Bool = false) -> Label? {
            guard let text else { return nil }
            return label(name, text, keys, gradient: gradient)
        }
        let one = sub(1), two = sub(2)
        let items: [Label?] = [
            item("x", values.pair(.forward, .x).map(F.pair), keys((.forward, .x))),
            item("y", values.scalar(.forward, .y).map(F.short), keys((.forward, .y))),
            item("W" + one, W1.map(matrix), W1Keys),
            item("b" + one, b1.map(vector), keys((.forward, .b1), (.update, .b1))),
            item("W" + two, W2.map(vector), W2Keys),
            item("b" + two, b2.map(F.short), keys((.forward, .b2), (.update, .b2))),
            item("z" + one, list(.forward, .z1).map(vector), keys((.forward, .z1))),
            item("a" + one, list(.forward, .a1).map(vector), keys((.forward, .a1))),
            item("z" + two, values.scalar(.forward, .z2).map(F.short), keys((.forward, .z2))),
            item("ŷ", values.scalar(.forward, .yHat).map(F.short), keys((.forward, .yHat))),
            item("L", values.scalar(.forward, .loss).map(F.short), keys((.forward, .loss))),
            item("∂L/∂ŷ", values.scalar(.backward, .dLossDYHat).map(F.short), keys((.backward, .dLossDYHat)), gradient: true),
            item("δ" + two, values.scalar(.backward, .delta2).map(F.short), delta2Keys, gradient: true),
            item("∂L/∂W" + two, list(.backward, .dLossDW2).map(vector), keys((.backward, .dLossDW2)), gradient: true),
            item("δ" + one, list(.backward, .delta1).map(vector), keys((.backward, .delta1), (.backward, .dLossDB1)), gradient: true),
            item("∂L/∂W" + one, list(.backward, .dLossDW1).map(matrix), keys((.backward, .dLossDW1)), gradient: true),
        ]
        return items.compactMap { $0 }
    }
}
