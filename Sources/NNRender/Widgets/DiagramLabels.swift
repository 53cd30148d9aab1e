import NNCore

/// What the network diagrams share: how a labelled value is styled, the compact "name value" list
/// they fall back to in small areas, and line joins for their buses.
///
/// The rules are those of `NetworkDiagramWidget`, so the hidden-layer diagram looks the same.
enum DiagramLabels {
    /// One labelled value: what it shows, and the entries (schema ids) that make it "current".
    struct Label {
        var text: String
        var keys: [Int]
        var isGradient: Bool
    }

    /// The term just computed is highlighted; other gradients are bold (magenta in colour).
    static func style(for label: Label, event: TraceEvent?, color: Bool) -> Style {
        if let event, label.keys.contains(event.entry.id) {
            return color ? Style(foreground: .yellow, bold: true, reverse: true) : .highlight
        }
        if label.isGradient { return color ? Style(foreground: .magenta, bold: true) : .bold }
        return .plain
    }

    /// Items packed into rows two spaces apart, cut to the area; "no step yet" when there are none.
    static func drawCompact(_ items: [Label], event: TraceEvent?, into buffer: inout Buffer, area: Rect,
                            ascii: Bool, color: Bool) {
        guard !area.isEmpty else { return }
        guard !items.isEmpty else {
            let text = DrawText.prepare("no step yet", ascii: ascii)
            buffer.write(DrawText.truncate(text, width: area.width, ascii: ascii), x: area.x, y: area.y, style: .dim, clip: area)
            return
        }
        var row = 0, column = 0
        for item in items {
            let text = DrawText.truncate(item.text, width: area.width, ascii: ascii)
            if column > 0 && column + 2 + text.count > area.width {
                row += 1
                column = 0
            } else if column > 0 {
                column += 2
            }
            guard row < area.height else { break }
            buffer.write(text, x: area.x + column, y: area.y + row, style: style(for: item, event: event, color: color), clip: area)
            column += text.count
        }
    }

    /// The line glyph where a bus meets its edges: which of the four sides carry a line.
    static func junction(up: Bool, down: Bool, left: Bool, right: Bool, ascii: Bool) -> Character {
        let g = BoxGlyphs.set(ascii: ascii)
        switch (up, down, left, right) {
        case (true, true, true, true): return ascii ? "+" : "┼"
        case (true, true, true, false): return g.teeLeft
        case (true, true, false, true): return g.teeRight
        case (false, true, true, true): return g.teeDown
        case (true, false, true, true): return g.teeUp
        case (false, true, false, true): return g.topLeft
        case (false, true, true, false): return g.topRight
        case (true, false, false, true): return g.bottomLeft
        case (true, false, true, false): return g.bottomRight
        case (_, _, false, false): return g.vertical
        default: return g.horizontal
        }
    }

    /// "₁" for 1 ("1" under ASCII): unit and layer indices.
    static func subscripted(_ n: Int, ascii: Bool) -> String {
        let digits = String(n)
        guard !ascii else { return digits }
        let subscripts: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
        return String(digits.map { $0.wholeNumberValue.map { subscripts[$0] } ?? $0 })
    }
}
