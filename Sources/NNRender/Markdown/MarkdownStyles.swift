/// How each kind of laid-out Markdown text is drawn.
///
/// Code must always stand apart from prose (a dataset named `or` is not the word "or"): cyan with
/// colour, underlined without. Without colour, emphasis is bold rather than underlined, so that it
/// never looks like code.
public struct MarkdownStyles: Sendable, Hashable {
    public var plain: Style
    public var code: Style
    public var emphasis: Style
    public var strong: Style
    public var strongEmphasis: Style
    public var heading: Style
    public var codeBlock: Style

    public init(plain: Style = .plain, code: Style, emphasis: Style, strong: Style = .bold,
                strongEmphasis: Style, heading: Style = .bold, codeBlock: Style) {
        self.plain = plain
        self.code = code
        self.emphasis = emphasis
        self.strong = strong
        self.strongEmphasis = strongEmphasis
        self.heading = heading
        self.codeBlock = codeBlock
    }

    /// For a colour terminal: code in cyan, emphasis underlined, strong and headings bold.
    public static let color = MarkdownStyles(
        code: .fg(.cyan), emphasis: Style(underline: true), strongEmphasis: Style(bold: true, underline: true),
        codeBlock: .fg(.cyan))

    /// For a terminal without colour (or `--no-color`): code underlined, emphasis and strong bold,
    /// code blocks plain (they stand apart on their own lines).
    public static let monochrome = MarkdownStyles(
        code: Style(underline: true), emphasis: .bold, strongEmphasis: .bold, codeBlock: .plain)

    public static func theme(color: Bool) -> MarkdownStyles { color ? .color : .monochrome }

    public subscript(kind: StyledRun.Kind) -> Style {
        switch kind {
        case .plain: plain
        case .code: code
        case .emphasis: emphasis
        case .strong: strong
        case .strongEmphasis: strongEmphasis
        case .heading: heading
        case .codeBlock: codeBlock
        }
    }
}

extension MarkdownLayout {
    /// Line `index` as (text, style) segments, for a caller that draws rows itself; [] past the end.
    public func segments(of index: Int, styles: MarkdownStyles) -> [(text: String, style: Style)] {
        guard lines.indices.contains(index) else { return [] }
        return lines[index].map { ($0.text, styles[$0.kind]) }
    }

    /// Draws line `index` from (x, y), clipped to `clip` (and the buffer). Returns the x after it.
    @discardableResult
    public func draw(line index: Int, into buffer: inout Buffer, x: Int, y: Int, styles: MarkdownStyles, clip: Rect? = nil) -> Int {
        guard lines.indices.contains(index) else { return x }
        var column = x
        for run in lines[index] {
            column = buffer.write(run.text, x: column, y: y, style: styles[run.kind], clip: clip)
        }
        return column
    }

    /// Draws lines `firstLine...` into `area`, one per row, until the area or the lines end. Cells
    /// the text does not cover are left as they were: fill the area first.
    public func draw(into buffer: inout Buffer, area: Rect, from firstLine: Int = 0, styles: MarkdownStyles) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        for row in 0..<area.height {
            let index = firstLine + row
            guard index < lines.count else { break }
            draw(line: index, into: &buffer, x: area.x, y: area.y + row, styles: styles, clip: area)
        }
    }
}
