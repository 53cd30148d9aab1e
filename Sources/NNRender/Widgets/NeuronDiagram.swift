import NNCore

/// The notebook's neuron as a picture: x₁, x₂ with W₁, W₂ joining into the Σ box (z), b coming
/// down into it, σ (ŷ), and below σ the target y and loss L. In the backward and update phases
/// the arrowheads turn round and each gradient appears beside its edge ("←∂L/∂W₁ …"). An 11th
/// row, when there is one, carries a caption for the phase.
struct NeuronDiagram {
    let widget: NetworkDiagramWidget

    /// The smallest area that gets the picture.
    static let size = (width: 45, height: 10)

    private typealias F = NumberFormat
    typealias Label = DiagramLabels.Label

    func draw(into buffer: inout Buffer, area: Rect) {
        let w = widget
        let ascii = w.ascii
        let g = BoxGlyphs.set(ascii: ascii)
        let ox = area.x, oy = area.y
        let edge: Style = w.color ? .fg(.cyan) : .plain
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
            var full = label.text
            // A gradient's arrow goes before its number does (ASCII's "<-" is two columns).
            if label.isGradient, full.count > width, let arrow = ["←", "<-"].first(where: full.hasPrefix) {
                full.removeFirst(arrow.count)
            }
            let text = DrawText.truncate(full, width: width, ascii: ascii)
            buffer.write(text, x: ox + x, y: oy + y, style: w.style(for: label), clip: area)
            return x + text.count
        }
        /// A label that prefers column x but moves left to stay inside the area (not left of `floor`).
        func writeRight(_ label: Label?, _ x: Int, _ y: Int, floor: Int) {
            guard let label else { return }
            let start = max(floor, min(x, area.width - label.text.count))
            write(label, start, y, width: area.width - start)
        }
        let back = w.isBackward
        let W = w.parameters(true, 1), b = w.parameters(false, 1)
        let x = w.numbers(.input)
        // At a batch's update, the mean gradients the update uses, not the last sample's own.
        let (gradW, gradWEntry) = w.stepGradient(weights: true, 1)
        let (gradB, gradBEntry) = w.stepGradient(weights: false, 1)
        let weightKeys = [w.entry(.weights, 1, .forward), w.entry(.weights, 1, .update)]
        let biasKeys = [w.entry(.bias, 1, .forward), w.entry(.bias, 1, .update)]
        func component(_ v: ArraySlice<Double>?, _ i: Int) -> String? { v.map { F.short($0[$0.startIndex + i]) } }

        // Inputs and their weights, joining at column 17.
        let junction = 17
        write(w.label("W[0]", component(W, 0), weightKeys), 0, 0, width: junction - 1)
        write(w.label("W[1]", component(W, 1), weightKeys), 0, 8, width: junction - 1)
        for (row, c) in [(1, 0), (7, 1)] {
            let end = write(w.label(c == 0 ? "x[0]" : "x[1]", component(x, c), [w.entry(.input), w.entry(.dPreActivationDWeights, 1)]),
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
        let gradKeys = [gradWEntry]
        write(w.label("∂L/∂W[0]", component(gradW, 0), gradKeys, gradient: true), 0, 2, width: junction - 1)
        write(w.label("∂L/∂W[1]", component(gradW, 1), gradKeys, gradient: true), 0, 6, width: junction - 1)

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
        buffer.write(ascii ? "sum: z" : "Σ: z", x: ox + sum.left + 1, y: oy + 3, style: .bold, clip: area)
        buffer.write(ascii ? "sig: y_hat" : "σ: ŷ", x: ox + act.left + 1, y: oy + 3, style: .bold, clip: area)
        // Once the update is out, z and ŷ belong to the old weights: only their names show.
        func plain(_ q: TraceQuantity) -> Label? {
            guard !w.showsUpdate, let entry = w.entry(q, 1), let v = w.values?[entry] else { return nil }
            return Label(text: DrawText.prepare(F.short(v.first ?? .nan), ascii: ascii), keys: [entry.id], isGradient: false)
        }
        write(plain(.preActivation), sum.left + 2, 4, width: inner - 1)
        write(plain(.output), act.left + 2, 4, width: inner - 1)
        // Σ → σ along row 4.
        put(g.teeRight, sum.right, 4)
        put(back ? g.arrowLeft : g.horizontal, sum.right + 1, 4)
        put(back ? g.horizontal : g.arrowRight, sum.right + 2, 4)

        // b comes down into Σ at column 21.
        let biasColumn = sum.left + 2
        let bEnd = write(w.label("b", b.map { F.short($0.first ?? .nan) }, biasKeys), biasColumn, 0, width: area.width - biasColumn)
        put(g.vertical, biasColumn, 1)
        put(back ? g.arrowUp : g.arrowDown, biasColumn, 2)
        writeRight(w.label("∂L/∂b", gradB.map { F.short($0.first ?? .nan) }, [gradBEntry], gradient: true),
                   max(30, bEnd + 1), 0, floor: bEnd + 1)
        writeRight(w.label("∂ŷ/∂z", w.numbers(.slope, 1).map { F.short($0.first ?? .nan) }, [w.entry(.slope, 1)], gradient: true),
                   31, 1, floor: biasColumn + 2)

        // ŷ leaves σ downwards to the loss.
        let outColumn = act.left + 5
        put(g.teeDown, outColumn, 6)
        put(back ? g.arrowUp : g.arrowDown, outColumn, 7)
        if let target = w.label("y", w.numbers(.target).map { F.short($0.first ?? .nan) }, [w.entry(.target)]),
           let loss = w.label("L", w.showsUpdate ? nil : w.numbers(.loss).map { F.short($0.first ?? .nan) }, [w.entry(.loss)]) {
            let start = max(junction + 2, min(32, area.width - target.text.count - 2 - loss.text.count))
            let end = write(target, start, 8, width: area.width - start)
            write(loss, end + 2, 8, width: area.width - end - 2)
        }
        writeRight(w.label("∂L/∂ŷ", w.numbers(.dLossDOutput).map { F.short($0.first ?? .nan) }, [w.entry(.dLossDOutput)], gradient: true),
                   32, 9, floor: junction + 2)

        if area.height > Self.size.height {
            buffer.write(DrawText.truncate(DrawText.prepare(w.caption(width: area.width), ascii: ascii), width: area.width, ascii: ascii),
                         x: ox, y: oy + 10, style: .dim, clip: area)
        }
    }
}
