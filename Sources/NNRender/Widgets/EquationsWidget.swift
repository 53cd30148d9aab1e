import NNCore

/// The step's equations, one per line as "symbolic = substituted = result", grouped by phase.
///
/// Lines not computed yet show only their symbolic form, dimmed. The line whose keys hold
/// `current` is highlighted across the width. Each line's `mistake` (notebook mode) follows it,
/// in red with colour; when the area is too short for all of them, only the current line's
/// mistake is spelled out and the others carry a ✗ mark. Long lines wrap at spaces with
/// continuation lines indented two columns. Phase headings appear only when everything fits
/// with them; when the lines do not fit, the view scrolls to keep the current line in sight.
public struct EquationsWidget: Widget {
    public var lines: [EquationLine]
    /// The entry the cursor is on (a schema entry id).
    public var current: Int?
    public var ascii: Bool
    public var color: Bool
    public var headings: Bool

    public init(lines: [EquationLine], current: Int?, ascii: Bool = false, color: Bool = false, headings: Bool = true) {
        self.lines = lines
        self.current = current
        self.ascii = ascii
        self.color = color
        self.headings = headings
    }

    /// How the current line is drawn.
    public var highlightStyle: Style { color ? Style(foreground: .yellow, bold: true, reverse: true) : .highlight }
    var mistakeStyle: Style { color ? Style(foreground: .red, bold: true) : .bold }
    var headingStyle: Style { color ? Style(foreground: .cyan, bold: true) : Style(bold: true, underline: true) }

    /// One screen row: its text, its style, and whether it belongs to the current line.
    struct Row: Equatable {
        var text: String
        var style: Style
        var isCurrent: Bool
        /// Highlighted rows are styled across the whole width, not just under the text.
        var fillsWidth: Bool
        /// Which heading or equation the row belongs to: a wrapped line's rows share it.
        var block: Int
    }

    /// The line's text as shown: the symbolic form until computed, then every known part,
    /// leaving out empty parts (the inputs line marks itself computed with an empty result).
    static func displayText(_ line: EquationLine) -> String {
        guard line.isComputed else { return line.symbolic }
        var parts = [line.symbolic]
        if let substituted = line.substituted, !substituted.isEmpty, substituted != line.result { parts.append(substituted) }
        if let result = line.result, !result.isEmpty { parts.append(result) }
        return parts.joined(separator: " = ")
    }

    func isCurrent(_ line: EquationLine) -> Bool {
        guard let current else { return false }
        return line.keys.contains(current)
    }

    /// Every row the lines need at `width`, with or without phase headings.
    func rows(width: Int, withHeadings: Bool, everyMistake: Bool = true) -> [Row] {
        var rows: [Row] = []
        var phase: TracePhase?
        var block = 0
        for line in lines {
            if withHeadings, line.phase != phase {
                let heading = DrawText.truncate(line.phase.rawValue, width: width, ascii: ascii)
                rows.append(Row(text: heading, style: headingStyle, isCurrent: false, fillsWidth: false, block: block))
                block += 1
            }
            defer { block += 1 }
            phase = line.phase
            let highlighted = isCurrent(line)
            let style: Style = highlighted ? highlightStyle : (line.isComputed ? .plain : .dim)
            let spellsMistake = line.mistake != nil && (everyMistake || highlighted)
            // No room to spell the mistake out: a ✗ and, when known, the correct form in brief.
            let brief = line.correction.map { "  ✗ " + $0 } ?? "  ✗"
            let marked = line.mistake != nil && !spellsMistake ? Self.displayText(line) + brief : Self.displayText(line)
            let text = DrawText.prepare(marked, ascii: ascii)
            for piece in TextWrap.wrap(text, width: width, indent: 2) {
                rows.append(Row(text: piece, style: style, isCurrent: highlighted, fillsWidth: highlighted, block: block))
            }
            if spellsMistake, let mistake = line.mistake {
                let text = DrawText.prepare(mistake, ascii: ascii)
                let pieces = width > 2
                    ? TextWrap.wrap(text, width: width - 2, indent: 2).map { "  " + $0 }
                    : TextWrap.wrap(text, width: width)
                for piece in pieces {
                    rows.append(Row(text: piece, style: mistakeStyle, isCurrent: highlighted, fillsWidth: false, block: block))
                }
            }
        }
        return rows
    }

    /// The first row to show so the current line's rows are in view (its top when it is taller
    /// than the view), moved on to a whole line so the view never opens on a continuation row.
    static func scrollOffset(rows: [Row], height: Int) -> Int {
        guard rows.count > height, let start = rows.firstIndex(where: \.isCurrent),
              let end = rows.lastIndex(where: \.isCurrent).map({ $0 + 1 })
        else { return 0 }
        var offset = min(max(0, end - height), start)
        while offset > 0, offset < start, rows[offset].block == rows[offset - 1].block { offset += 1 }
        return offset
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        // Most to least room: headings and every mistake, then no headings, then only the
        // current line's mistake spelled out.
        var rows = rows(width: area.width, withHeadings: headings)
        if headings, rows.count > area.height {
            rows = self.rows(width: area.width, withHeadings: false)
        }
        if rows.count > area.height {
            rows = self.rows(width: area.width, withHeadings: false, everyMistake: false)
        }
        let offset = Self.scrollOffset(rows: rows, height: area.height)
        for (i, row) in rows.dropFirst(offset).prefix(area.height).enumerated() {
            let y = area.y + i
            if row.fillsWidth {
                buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: row.style))
            }
            buffer.write(row.text, x: area.x, y: y, style: row.style, clip: area)
        }
    }
}
