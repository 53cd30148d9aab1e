import NNCore

/// The step's equations, one per line as "symbolic = substituted = result", grouped by phase.
///
/// Lines not computed yet show only their symbolic form, dimmed. The line whose keys hold
/// `current` is highlighted across the width. Each line's `mistake` (notebook mode) follows it,
/// in red with colour; when the area is too short for all of them, only the current line's
/// mistake is spelled out and the others carry a ✗ mark. Long lines wrap without breaking a
/// formula (`TextWrap.formula`), continuation lines indented two columns. Phase headings appear
/// only when everything fits with them; when the lines do not fit, the view scrolls to keep the
/// current line in sight and says how many lines are above and below it ("↑ 3 more").
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
        var memo: [String: [String]] = [:]
        return rows(width: width, withHeadings: withHeadings, everyMistake: everyMistake, memo: &memo)
    }

    /// `memo` keeps each text's wrapping, so trying the layouts from most to least room wraps
    /// every line once.
    func rows(width: Int, withHeadings: Bool, everyMistake: Bool, memo: inout [String: [String]]) -> [Row] {
        func wrapped(_ text: String, _ width: Int) -> [String] {
            let key = "\(width)\u{0}" + text
            if let known = memo[key] { return known }
            let pieces = TextWrap.formula(text, width: width, indent: 2, ascii: ascii)
            memo[key] = pieces
            return pieces
        }
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
            for piece in wrapped(marked, width) {
                rows.append(Row(text: piece, style: style, isCurrent: highlighted, fillsWidth: highlighted, block: block))
            }
            if spellsMistake, let mistake = line.mistake {
                let pieces = width > 2
                    ? wrapped(mistake, width - 2).map { "  " + $0 }
                    : TextWrap.formula(mistake, width: width, ascii: ascii)
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
        var memo: [String: [String]] = [:]
        var rows = rows(width: area.width, withHeadings: headings, everyMistake: true, memo: &memo)
        if headings, rows.count > area.height {
            rows = self.rows(width: area.width, withHeadings: false, everyMistake: true, memo: &memo)
        }
        if rows.count > area.height {
            rows = self.rows(width: area.width, withHeadings: false, everyMistake: false, memo: &memo)
        }
        let window = Self.window(rows: rows, height: area.height)
        var y = area.y
        if window.above > 0 {
            buffer.write(indicator("↑ \(window.above) more line\(window.above == 1 ? "" : "s") above", width: area.width),
                         x: area.x, y: y, style: .dim, clip: area)
            y += 1
        }
        for row in rows[window.shown] {
            if row.fillsWidth {
                buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: row.style))
            }
            buffer.write(row.text, x: area.x, y: y, style: row.style, clip: area)
            y += 1
        }
        if window.below > 0 {
            buffer.write(indicator("↓ \(window.below) more line\(window.below == 1 ? "" : "s") below", width: area.width),
                         x: area.x, y: y, style: .dim, clip: area)
        }
    }

    private func indicator(_ text: String, width: Int) -> String {
        DrawText.truncate(DrawText.prepare(text, ascii: ascii), width: width, ascii: ascii)
    }

    /// Which rows fit in `height` around the current line, and how many are cut off above and
    /// below; a row for each "more" note is taken from the view when there is something to say.
    static func window(rows: [Row], height: Int) -> (shown: Range<Int>, above: Int, below: Int) {
        guard rows.count > height else { return (0..<rows.count, 0, 0) }
        // In a short view the notes would take the rows the lines need.
        guard height >= 6 else {
            let offset = scrollOffset(rows: rows, height: height)
            return (offset..<min(rows.count, offset + height), 0, 0)
        }
        // Room for both notes first; then give back the one that is not needed.
        var offset = scrollOffset(rows: rows, height: height - 2)
        var room = height - 2
        if offset == 0 { room += 1 }
        if offset + room >= rows.count { room += 1; offset = max(0, min(offset, rows.count - room)) }
        let end = min(rows.count, offset + room)
        return (offset..<end, offset, rows.count - end)
    }
}
