import NNCore

/// A layered network as columns of units: x, each hidden layer, the output; buses between them
/// carry the layer's weights W_l forward (→) and its gradient back (←).
///
/// Each unit shows its activation going forward and its δ going back. A ReLU unit whose z ≤ 0 on
/// this sample is marked dead (⊘: no gradient passes), and a sigmoid or tanh unit whose slope
/// |∂a/∂z| < 0.01 is marked saturated (≈), so a learner can see where a gradient vanished. The
/// output column also holds y, L and ∂L/∂ŷ. Columns taller than the area show their first units
/// and how many more there are. Under the columns, with room, one line per layer gives what its
/// bus carries: the weights W_l going forward, the gradient ∂L/∂W_l going back (all of them while
/// a layer is small, else their range).
struct LayeredDiagram {
    let widget: NetworkDiagramWidget

    /// Fewest unit rows the picture is drawn with (else the compact list).
    static let minimumRows = 4
    /// Columns a number takes ("−0.1234"), so the picture keeps its shape from step to step.
    static let numberWidth = 7
    /// Between two columns: a space, the edge out, the bus, the arrow in, a space (so the bus's
    /// name, "∂W₁", fits over it without touching the next column's header).
    static let connectorWidth = 5

    /// Where the columns go.
    struct Layout {
        /// Units per column: inputs, each hidden layer, the output.
        let units: [Int]
        /// Unit rows shown per column.
        let shown: [Int]
        let columnX: [Int]
        let columnWidth: [Int]
        let width: Int
        /// Header, unit rows, and the output column's y, L and ∂L/∂ŷ.
        let height: Int
        /// The picture and one line per layer under it: what the preferred size asks for.
        var heightWithLayerLines: Int { height + units.count - 1 }

        init(schema: TraceSchema, ascii: Bool, rows: Int) {
            let units = schema.architecture.layerSizes
            self.units = units
            let room = max(LayeredDiagram.minimumRows, rows)
            shown = units.map { $0 <= room ? $0 : room - 1 }
            let output = "∂L/∂ŷ −0.0000".count  // the widest line under ŷ
            let widths = units.indices.map { c in
                c == 0 ? LayeredDiagram.numberWidth : (c == units.count - 1 ? output : LayeredDiagram.numberWidth + 1)
            }
            columnWidth = widths
            var x: [Int] = []
            var at = 0
            for w in widths {
                x.append(at)
                at += w + LayeredDiagram.connectorWidth
            }
            columnX = x
            width = at - LayeredDiagram.connectorWidth
            let unitRows = zip(units, units.map { $0 <= room ? $0 : room - 1 }).map { $0 == $1 ? $1 : $1 + 1 }.max() ?? 1
            height = 1 + max(unitRows, 4)
        }
    }

    private typealias F = NumberFormat
    typealias Label = DiagramLabels.Label

    func draw(into buffer: inout Buffer, area: Rect) {
        let w = widget, schema = w.schema, ascii = w.ascii
        let layout = Layout(schema: schema, ascii: ascii, rows: area.height - 1 - (area.height > 5 ? 1 : 0))
        let g = BoxGlyphs.set(ascii: ascii)
        let edge: Style = w.color ? .fg(.cyan) : .plain
        let back = w.isBackward
        let L = schema.layers
        func put(_ character: Character, _ x: Int, _ y: Int, _ style: Style = edge) {
            guard area.contains(x: area.x + x, y: area.y + y) else { return }
            buffer[area.x + x, area.y + y] = Cell(character, style: style)
        }
        @discardableResult
        func write(_ label: Label?, _ x: Int, _ y: Int, width: Int) -> Int {
            guard let label, width > 0 else { return x }
            let text = DrawText.truncate(label.text, width: width, ascii: ascii)
            buffer.write(text, x: area.x + x, y: area.y + y, style: w.style(for: label), clip: area)
            return x + text.count
        }
        func text(_ s: String, _ x: Int, _ y: Int, _ style: Style = .dim) {
            buffer.write(DrawText.prepare(s, ascii: ascii), x: area.x + x, y: area.y + y, style: style, clip: area)
        }
        let sub = { (n: Int) in DiagramLabels.subscripted(n, ascii: ascii) }
        var marked = (dead: false, saturated: false)

        // Headers: x, a₁ … ŷ going forward; δ₁ … δ_L going back. Over each bus, the weights it
        // carries forward (W₁) or the gradient that flows back along it (∂W₁).
        for (c, x) in layout.columnX.enumerated() {
            let header: String
            if c == 0 { header = "x" } else if back { header = "δ" + sub(c) } else { header = c == L ? "ŷ" : "a" + sub(c) }
            text(header, x, 0, .bold)
            if c > 0 { text((back ? "∂W" : "W") + sub(c), x - LayeredDiagram.connectorWidth + 1, 0) }
        }

        // Buses: from every unit of a column into every unit of the next.
        for c in 0..<(layout.units.count - 1) {
            let x = layout.columnX[c] + layout.columnWidth[c] + 1
            let left = layout.shown[c], right = layout.shown[c + 1]
            let last = max(left, right)
            for r in 0..<last {
                let row = 1 + r
                let fromLeft = r < left, intoRight = r < right
                if fromLeft { put(back ? g.arrowLeft : g.horizontal, x, row) }
                put(DiagramLabels.junction(up: r > 0, down: r < last - 1, left: fromLeft, right: intoRight, ascii: ascii), x + 1, row)
                if intoRight { put(back ? g.horizontal : g.arrowRight, x + 2, row) }
            }
        }

        // Units.
        for (c, x) in layout.columnX.enumerated() {
            let width = layout.columnWidth[c]
            let count = layout.units[c], shown = layout.shown[c]
            for i in 0..<shown {
                let row = 1 + i
                if c == 0 {
                    let value = w.numbers(.input).map { F.fitting($0[$0.startIndex + i], width: LayeredDiagram.numberWidth) }
                    write(w.label("", value, [w.entry(.input)]).map { Label(text: String($0.text.dropFirst()), keys: $0.keys, isGradient: false) } ?? Label(text: "x" + sub(i + 1), keys: [], isGradient: false),
                          x, row, width: width)
                    continue
                }
                let isOutput = c == L
                let activationEntry = w.entry(isOutput ? .output : .activation, c)
                if back {
                    let delta = w.numbers(.delta, c).map { F.fitting($0[$0.startIndex + i], width: LayeredDiagram.numberWidth) }
                    if let delta {
                        write(Label(text: DrawText.prepare(delta, ascii: ascii), keys: [w.entry(.delta, c), w.entry(.dLossDBias, c)].compactMap { $0?.id }, isGradient: true),
                              x, row, width: LayeredDiagram.numberWidth)
                    }
                    else { text("·", x, row) }
                } else if let a = w.values?[activationEntry] {
                    write(Label(text: DrawText.prepare(F.fitting(a[a.startIndex + i], width: LayeredDiagram.numberWidth), ascii: ascii), keys: [activationEntry?.id].compactMap { $0 }, isGradient: false),
                          x, row, width: LayeredDiagram.numberWidth)
                } else {
                    text("·", x, row)
                }
                if let mark = unitMark(layer: c, unit: i, isOutput: isOutput) {
                    put(mark.glyph, x + LayeredDiagram.numberWidth, row, w.color ? Style(foreground: .red, bold: true) : .bold)
                    if mark.dead { marked.dead = true } else { marked.saturated = true }
                }
            }
            if shown < count { text("+\(count - shown)", x, 1 + shown) }
        }

        // y, L and ∂L/∂ŷ under ŷ.
        let outX = layout.columnX[L], outWidth = layout.columnWidth[L]
        write(w.label("y", w.numbers(.target).map { F.short($0.first ?? .nan) }, [w.entry(.target)]), outX, 2, width: outWidth)
        write(w.label("L", w.showsUpdate ? nil : w.numbers(.loss).map { F.short($0.first ?? .nan) }, [w.entry(.loss)]), outX, 3, width: outWidth)
        if let dL = w.numbers(.dLossDOutput), back {
            write(Label(text: DrawText.prepare("∂L/∂ŷ " + F.short(dL.first ?? .nan), ascii: ascii), keys: [w.entry(.dLossDOutput)?.id].compactMap { $0 }, isGradient: true),
                  outX, 4, width: outWidth)
        }

        // Under the picture: each layer's weights going forward, their gradients going back.
        var lineY = layout.height
        for l in 1...L where lineY < area.height - 1 {
            // As the schema publishes them: the output layer's weights as a row.
            let shape = l == L ? TraceShape.vector(layout.units[l - 1]) : TraceShape.matrix(rows: layout.units[l], columns: layout.units[l - 1])
            let label: Label?
            // Every number while they fit the row, else their shape and range, else the range.
            func shown(_ name: String, _ values: ArraySlice<Double>) -> String {
                let candidates = [name + " = " + F.value(Array(values), shape: shape, limit: 4),
                                  name + " = " + F.value(Array(values), shape: shape, limit: 0),
                                  name + " " + F.range(values)].map { DrawText.prepare($0, ascii: ascii) }
                return candidates.first { $0.count <= area.width } ?? candidates[candidates.count - 1]
            }
            // Once the update is out, the lines give the new weights.
            if back, !w.showsUpdate, let gradient = w.numbers(.dLossDWeights, l) {
                label = Label(text: shown("∂L/∂W" + sub(l), gradient),
                              keys: [w.entry(.dLossDWeights, l)?.id].compactMap { $0 }, isGradient: true)
            } else if let weights = w.parameters(true, l) {
                label = Label(text: shown("W" + sub(l), weights),
                              keys: [w.entry(.weights, l, .forward)?.id, w.entry(.weights, l, .update)?.id].compactMap { $0 }, isGradient: false)
            } else {
                label = nil
            }
            write(label, 0, lineY, width: area.width)
            lineY += 1
        }

        // The last row: what the marks mean when any shows, else what the phase does.
        if area.height > layout.height {
            var legend: [String] = []
            if marked.dead { legend.append((ascii ? "x" : "⊘") + " ReLU off on this sample (z ≤ 0)") }
            if marked.saturated { legend.append((ascii ? "~" : "≈") + " saturated (|∂a/∂z| < 0.01)") }
            let line = legend.isEmpty ? w.caption(width: area.width) : legend.joined(separator: "  ")
            text(DrawText.truncate(DrawText.prepare(line, ascii: ascii), width: area.width, ascii: ascii), 0, area.height - 1)
        }
    }

    /// Whether a unit is dead or saturated on this sample, once its z and a are computed.
    func unitMark(layer l: Int, unit i: Int, isOutput: Bool) -> (glyph: Character, dead: Bool)? {
        let w = widget
        guard let z = w.numbers(.preActivation, l), let a = w.numbers(isOutput ? .output : .activation, l) else { return nil }
        let zi = z[z.startIndex + i], ai = a[a.startIndex + i]
        let activation: Activation = isOutput ? .sigmoid : w.schema.activation
        if activation.isDead(z: zi) { return (w.ascii ? "x" : "⊘", true) }
        if activation.isSaturated(slope: activation.derivative(z: zi, a: ai)) { return (w.ascii ? "~" : "≈", false) }
        return nil
    }
}
