import NNCore

/// The neuron as a diagram: x₁, x₂ → Σ → σ → ŷ, with the current values on nodes and edges.
///
/// From 45×10 it draws boxes and edges: the inputs with W₁, W₂ joining into the Σ box (z), b
/// coming down into it, σ (ŷ), and below σ the target y and loss L. In the backward and update
/// phases the arrowheads turn round and each gradient appears beside its edge ("←∂L/∂W₁ …").
/// An 11th row, when there is one, carries a caption for the phase. The term just computed is
/// highlighted. Smaller areas get the same values as a compact list of "name value" items.
public struct NetworkDiagramWidget: Widget {
    public var snapshot: TraceSnapshot?
    public var ascii: Bool
    public var color: Bool

    public init(snapshot: TraceSnapshot?, ascii: Bool = false, color: Bool = false) {
        self.snapshot = snapshot
        self.ascii = ascii
        self.color = color
    }

    /// The smallest area that gets the box diagram.
    public static let diagramSize = (width: 45, height: 10)

    /// One labelled value: what it shows, and the events that make it "current".
    struct Label {
        var text: String
        var keys: [TraceKey]
        var isGradient: Bool
    }

    private typealias F = NumberFormat

    var values: StepValues { snapshot?.values ?? StepValues() }
    var isBackward: Bool {
        guard let phase = snapshot?.event.phase else { return false }
        return phase == .backward || phase == .update
    }

    /// "name value", or just the name while the value is unknown; gradients only once known.
    private func label(_ name: String, _ value: String?, _ keys: [TraceKey], gradient: Bool = false) -> Label? {
        if gradient {
            guard isBackward, let value else { return nil }
            return Label(text: DrawText.prepare("←" + name + " " + value, ascii: ascii), keys: keys, isGradient: true)
        }
        let text = value.map { name + " " + $0 } ?? name
        return Label(text: DrawText.prepare(text, ascii: ascii), keys: keys, isGradient: false)
    }

    /// The weights in force: the updated ones once published, those used, or (at a step's first
    /// values, before the step publishes them) those the network holds from the step before.
    private var weights: SIMD2<Double>? { values.pair(.update, .W) ?? values.pair(.forward, .W) ?? snapshot?.neuron?.W }
    private var bias: Double? { values.scalar(.update, .b) ?? values.scalar(.forward, .b) ?? snapshot?.neuron?.b }
    private var weightKeys: [TraceKey] { [TraceKey(.forward, .W), TraceKey(.update, .W)] }
    private var biasKeys: [TraceKey] { [TraceKey(.forward, .b), TraceKey(.update, .b)] }

    private func style(for label: Label) -> Style {
        DiagramLabels.style(for: label, event: snapshot?.event, color: color)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        if area.width >= Self.diagramSize.width && area.height >= Self.diagramSize.height {
            drawDiagram(into: &buffer, area: area)
        } else {
            drawCompact(into: &buffer, area: area)
        }
    }

    // MARK: Diagram

    private func drawDiagram(into buffer: inout Buffer, area: Rect) {
        let g = BoxGlyphs.set(ascii: ascii)
        let ox = area.x, oy = area.y
        let edge: Style = color ? .fg(.cyan) : .plain
        func put(_ character: Character, _ x: Int, _ y: Int, _ style: Style = edge) {
            buffer[ox + x, oy + y] = Cell(character, style: style)
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
            buffer.write(text, x: ox + x, y: oy + y, style: style(for: label), clip: area)
            return x + text.count
        }
        /// A label that prefers column x but moves left to stay inside the area (not left of `floor`).
        func writeRight(_ label: Label?, _ x: Int, _ y: Int, floor: Int) {
            guard let label else { return }
            let start = max(floor, min(x, area.width - label.text.count))
            write(label, start, y, width: area.width - start)
        }
        let back = isBackward
        let W = weights, x = values.pair(.forward, .x)
        let gradW = values.pair(.backward, .dLossDW)

        // Inputs and their weights, joining at column 17.
        let junction = 17
        write(label("W₁", W.map { F.short($0.x) }, weightKeys), 0, 0, width: junction - 1)
        write(label("W₂", W.map { F.short($0.y) }, weightKeys), 0, 8, width: junction - 1)
        for (row, component) in [(1, 0), (7, 1)] {
            let name = component == 0 ? "x₁" : "x₂"
            let end = write(label(name, x.map { F.short($0[component]) }, [TraceKey(.forward, .x), TraceKey(.backward, .dZDW)]),
                            0, row, width: junction - 2)
            hline(end + 1, junction - 1, row)
        }
        put(g.topRight, junction, 1)
        put(g.vertical, junction, 2)
        put(g.bottomLeft, junction, 3)
        put(back ? g.arrowLeft : g.arrowRight, junction + 1, 3)
        put(g.topLeft, junction, 5)
        put(back ? g.arrowLeft : g.arrowRight, junction + 1, 5)
        put(g.vertical, junction, 6)
        put(g.bottomRight, junction, 7)
        write(label("∂L/∂W₁", gradW.map { F.short($0.x) }, [TraceKey(.backward, .dLossDW)], gradient: true), 0, 2, width: junction - 1)
        write(label("∂L/∂W₂", gradW.map { F.short($0.y) }, [TraceKey(.backward, .dLossDW)], gradient: true), 0, 6, width: junction - 1)

        // Σ (z) and σ (ŷ): boxes from row 2 to row 6.
        let sum = (left: 19, right: 30), act = (left: 33, right: 44)
        for box in [sum, act] {
            put(g.topLeft, box.left, 2)
            hline(box.left + 1, box.right - 1, 2)
            put(g.topRight, box.right, 2)
            for row in 3...5 {
                put(g.vertical, box.left, row)
                put(g.vertical, box.right, row)
            }
            put(g.bottomLeft, box.left, 6)
            hline(box.left + 1, box.right - 1, 6)
            put(g.bottomRight, box.right, 6)
        }
        let inner = sum.right - sum.left - 1
        let sumHeader = ascii ? "sum: z" : "Σ: z", actHeader = ascii ? "sig: y_hat" : "σ: ŷ"
        buffer.write(sumHeader, x: ox + sum.left + 1, y: oy + 3, style: .bold, clip: area)
        buffer.write(actHeader, x: ox + act.left + 1, y: oy + 3, style: .bold, clip: area)
        write(values.scalar(.forward, .z).map { Label(text: DrawText.prepare(F.short($0), ascii: ascii), keys: [TraceKey(.forward, .z)], isGradient: false) },
              sum.left + 2, 4, width: inner - 1)
        write(values.scalar(.forward, .yHat).map { Label(text: DrawText.prepare(F.short($0), ascii: ascii), keys: [TraceKey(.forward, .yHat)], isGradient: false) },
              act.left + 2, 4, width: inner - 1)
        // Σ → σ along row 4.
        put(g.teeRight, sum.right, 4)
        put(back ? g.arrowLeft : g.horizontal, sum.right + 1, 4)
        put(back ? g.horizontal : g.arrowRight, sum.right + 2, 4)

        // b comes down into Σ at column 21.
        let biasColumn = sum.left + 2
        let bEnd = write(label("b", bias.map(F.short), biasKeys), biasColumn, 0, width: 9)
        put(g.vertical, biasColumn, 1)
        put(back ? g.arrowUp : g.arrowDown, biasColumn, 2)
        writeRight(label("∂L/∂b", values.scalar(.backward, .dLossDB).map(F.short), [TraceKey(.backward, .dLossDB)], gradient: true),
                   max(30, bEnd + 1), 0, floor: bEnd + 1)
        writeRight(label("∂ŷ/∂z", values.scalar(.backward, .dYHatDZ).map(F.short), [TraceKey(.backward, .dYHatDZ)], gradient: true),
                   31, 1, floor: biasColumn + 2)

        // ŷ leaves σ downwards to the loss.
        let outColumn = act.left + 5
        put(g.teeDown, outColumn, 6)
        put(back ? g.arrowUp : g.arrowDown, outColumn, 7)
        if let target = label("y", values.scalar(.forward, .y).map(F.short), [TraceKey(.forward, .y)]),
           let loss = label("L", values.scalar(.forward, .loss).map(F.short), [TraceKey(.forward, .loss)])
        {
            let start = max(junction + 2, min(32, area.width - target.text.count - 2 - loss.text.count))
            let end = write(target, start, 8, width: area.width - start)
            write(loss, end + 2, 8, width: area.width - end - 2)
        }
        writeRight(label("∂L/∂ŷ", values.scalar(.backward, .dLossDYHat).map(F.short), [TraceKey(.backward, .dLossDYHat)], gradient: true),
                   32, 9, floor: junction + 2)

        if area.height > Self.diagramSize.height {
            buffer.write(DrawText.truncate(DrawText.prepare(caption, ascii: ascii), width: area.width, ascii: ascii),
                         x: ox, y: oy + 10, style: .dim, clip: area)
        }
    }

    /// One line on what the phase is doing.
    var caption: String {
        guard let phase = snapshot?.event.phase else { return "no step yet" }
        switch phase {
        case .forward: return "forward pass: values flow →"
        case .backward: return "backward pass: gradients flow ←"
        case .update: return "update: W ← W − η·∂L/∂W, b ← b − η·∂L/∂b"
        case .epoch: return "epoch done: L = Σᵢ (yᵢ − ŷᵢ)²"
        }
    }

    // MARK: Compact

    /// Every known value as a "name value" item, forward first, gradients in the backward phases.
    func compactItems() -> [Label] {
        let v = values
        var items: [Label?] = [
            v.pair(.forward, .x).map { label("x", F.pair($0), [TraceKey(.forward, .x), TraceKey(.backward, .dZDW)]) } ?? nil,
            v.scalar(.forward, .y).map { label("y", F.short($0), [TraceKey(.forward, .y)]) } ?? nil,
            weights.map { label("W", F.pair($0), weightKeys) } ?? nil,
            bias.map { label("b", F.short($0), biasKeys) } ?? nil,
            v.scalar(.forward, .z).map { label("z", F.short($0), [TraceKey(.forward, .z)]) } ?? nil,
            v.scalar(.forward, .yHat).map { label("ŷ", F.short($0), [TraceKey(.forward, .yHat)]) } ?? nil,
            v.scalar(.forward, .loss).map { label("L", F.short($0), [TraceKey(.forward, .loss)]) } ?? nil,
        ]
        items += [
            label("∂L/∂ŷ", v.scalar(.backward, .dLossDYHat).map(F.short), [TraceKey(.backward, .dLossDYHat)], gradient: true),
            label("∂ŷ/∂z", v.scalar(.backward, .dYHatDZ).map(F.short), [TraceKey(.backward, .dYHatDZ)], gradient: true),
            label("∂L/∂W", v.pair(.backward, .dLossDW).map(F.pair), [TraceKey(.backward, .dLossDW)], gradient: true),
            label("∂L/∂b", v.scalar(.backward, .dLossDB).map(F.short), [TraceKey(.backward, .dLossDB)], gradient: true),
        ]
        return items.compactMap { $0 }
    }

    private func drawCompact(into buffer: inout Buffer, area: Rect) {
        DiagramLabels.drawCompact(compactItems(), event: snapshot?.event, into: &buffer, area: area, ascii: ascii, color: color)
    }
}
