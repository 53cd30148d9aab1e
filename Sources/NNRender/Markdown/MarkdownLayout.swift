/// A Markdown document laid out to a width: lines of styled runs, ready to draw.
///
/// Paragraphs wrap at spaces without breaking formulas, vectors or assignments (`MarkdownWords`
/// has the rules); list items hang their continuation lines under the item's text; code blocks
/// keep their lines, cut at the width (or whole, for a printed handout); blank blocks are empty lines. The text is prepared as the
/// widgets prepare theirs (`--ascii` fallback, wide glyphs as "?"), so every Character is one
/// column and no line is wider than `width`. A width of 0 or less gives no lines.
public struct MarkdownLayout: Sendable, Hashable {
    public let width: Int
    /// Each line's runs, indentation included as `.plain` spaces; an empty line is `[]`.
    public let lines: [[StyledRun]]

    /// Lays out for a terminal panel: bullets are "•" ("-" under `ascii`), code spans keep no backticks.
    public init(_ document: MarkdownDocument, width: Int, ascii: Bool = false) {
        self.init(document, width: width, preparation: .terminal(ascii: ascii))
    }

    /// Parses and lays out in one step.
    public init(markdown: String, width: Int, ascii: Bool = false) {
        self.init(MarkdownDocument(markdown), width: width, ascii: ascii)
    }

    init(_ document: MarkdownDocument, width: Int, preparation: MarkdownPreparation) {
        self.width = width
        guard width > 0 else {
            lines = []
            return
        }
        var engine = Engine(width: width, preparation: preparation)
        for block in document.blocks { engine.add(block) }
        lines = engine.lines
    }

    /// Each line's text, without styles (for tests and golden frames).
    public var text: [String] { lines.map { $0.map(\.text).joined() } }

    /// Lays out blocks one after another, remembering the text column of each open list depth.
    private struct Engine {
        let width: Int
        let preparation: MarkdownPreparation
        var lines: [[StyledRun]] = []
        /// `columns[d]`: where text at depth d starts; depth 0 is the left edge.
        var columns = [0]
        /// Prepared text of this layout, by source text.
        var memo: [String: String] = [:]

        init(width: Int, preparation: MarkdownPreparation) {
            self.width = width
            self.preparation = preparation
        }

        func column(_ depth: Int) -> Int { columns[min(max(0, depth), columns.count - 1)] }

        mutating func add(_ block: MarkdownBlock) {
            switch block {
            case .blank:
                lines.append([])
            case .paragraph(let runs, let depth):
                let indent = column(depth)
                addText(runs, marker: "", column: indent, indent: indent)
            case .heading(let runs, _, let depth):
                let indent = column(depth)
                addText(runs.map { $0.kind == .code ? $0 : StyledRun($0.text, .heading) }, marker: "", column: indent, indent: indent)
            case .listItem(let marker, let runs, let depth):
                let markerText: String
                switch marker {
                case .bullet: markerText = preparation.bullet
                case .ordered(let number, let delimiter): markerText = "\(number)\(delimiter)"
                }
                let markerColumn = column(depth)
                let textColumn = markerColumn + markerText.count + 1
                columns = Array(columns.prefix(depth + 1))
                while columns.count < depth + 1 { columns.append(markerColumn) }
                columns.append(textColumn)
                addText(runs, marker: markerText, column: markerColumn, indent: textColumn)
            case .codeBlock(let code, let depth):
                let indent = fitting(column(depth))
                let room = preparation.keepsCodeWhole ? Int.max : width - indent
                for raw in code {
                    // A line too wide for the panel goes on over the next lines, 2 columns in,
                    // broken at a space where it has one: nothing of it is lost.
                    var rest = Substring(preparation.prepare(raw, memo: &memo))
                    var continued = false
                    repeat {
                        let lead = continued && room > 4 ? 2 : 0
                        var shown = rest.prefix(room - lead)
                        if shown.count < rest.count, let space = shown.lastIndex(of: " "),
                           shown.distance(from: shown.startIndex, to: space) >= (room - lead) / 2 {
                            shown = shown[..<space]
                        }
                        rest = rest[shown.endIndex...].drop { $0 == " " }
                        // Trimmed, so that no line ends in spaces.
                        while let last = shown.last, last.isWhitespace { shown = shown.dropLast() }
                        let text = String(repeating: " ", count: lead) + shown
                        lines.append(shown.isEmpty ? [] : indented(indent, StyledRun(text, .codeBlock)))
                        continued = true
                    } while !rest.isEmpty
                }
            case .rule(let depth):
                let indent = fitting(column(depth))
                lines.append(indented(indent, StyledRun(String(repeating: preparation.ruleCharacter, count: width - indent), .plain)))
            }
        }

        /// An indent that leaves room for one character, else none.
        func fitting(_ indent: Int) -> Int { indent < width ? indent : 0 }

        func indented(_ indent: Int, _ run: StyledRun) -> [StyledRun] {
            indent > 0 ? [StyledRun(String(repeating: " ", count: indent)), run] : [run]
        }

        /// Wraps text whose first line starts at `column` with `marker` (if any) and a space, and
        /// whose other lines start at `indent`.
        mutating func addText(_ runs: [StyledRun], marker: String, column: Int, indent: Int) {
            var runs = runs
            if preparation.quotesCode {
                runs = runs.map { $0.kind == .code ? StyledRun(MarkdownPreparation.quoted(code: $0.text), .code) : $0 }
            }
            var prefix = String(repeating: " ", count: column) + (marker.isEmpty ? "" : marker + " ")
            var prefixWidth = column + (marker.isEmpty ? 0 : marker.count + 1)
            var indent = indent
            if prefixWidth >= width || indent >= width {
                // Too narrow for a hanging indent: the marker becomes the text's first word.
                if !marker.isEmpty { runs.insert(StyledRun(marker + " "), at: 0) }
                prefix = ""
                prefixWidth = 0
                indent = 0
            }
            var builder = MarkdownLineBuilder(width: width, prefix: preparation.prepare(prefix, memo: &memo),
                                              prefixWidth: prefixWidth, indent: indent)
            builder.place(MarkdownWords(runs, preparation: preparation, memo: &memo))
            lines += builder.finish()
        }
    }
}
