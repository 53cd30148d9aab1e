/// A question as the lesson panel shows it: asked, tried, answered, or revealed.
public struct QuestionBlock: Sendable, Equatable {
    /// The question, Markdown with its `{{…}}` already filled.
    public var prompt: String
    /// What may be typed ("+, − or 0", "a) 2  b) 1000").
    public var accepted: String
    /// The answer being typed; nil once the question is no longer open.
    public var input: String?
    /// The note on a wrong try, while the question stays open.
    public var lastTry: String?
    /// The verdict and explanation once the question is closed.
    public var feedback: String?
    /// True / false once closed; nil before.
    public var correct: Bool?
    /// Shown on request (Tab).
    public var hint: String?

    public init(prompt: String, accepted: String, input: String? = nil, lastTry: String? = nil, feedback: String? = nil,
                correct: Bool? = nil, hint: String? = nil) {
        self.prompt = prompt
        self.accepted = accepted
        self.input = input
        self.lastTry = lastTry
        self.feedback = feedback
        self.correct = correct
        self.hint = hint
    }
}

/// The lesson's text beside the live panels: a heading, the narrative (Markdown, rendered), an
/// optional question, and a footer line of keys. Text wraps to the width without breaking
/// formulas; `scroll` skips rows from the top, and the footer says when more is above or below.
/// An open question's prompt and answer line are always scrolled into view.
public struct LessonPanelWidget: Widget {
    public var heading: String
    public var body: String
    public var question: QuestionBlock?
    public var footer: String
    public var scroll: Int
    public var ascii: Bool
    public var color: Bool

    public init(heading: String, body: String, question: QuestionBlock? = nil, footer: String = "",
                scroll: Int = 0, ascii: Bool = false, color: Bool = false) {
        self.heading = heading
        self.body = body
        self.question = question
        self.footer = footer
        self.scroll = scroll
        self.ascii = ascii
        self.color = color
    }

    typealias Row = [(text: String, style: Style)]

    /// Rows of Markdown, each line's runs styled, with a style laid over every run (for prompts).
    private func markdown(_ text: String, width: Int, over: Style? = nil) -> [Row] {
        let styles = MarkdownStyles.theme(color: color)
        let layout = MarkdownLayout(markdown: text, width: width, ascii: ascii)
        return layout.lines.indices.map { i in
            layout.segments(of: i, styles: styles).map { segment in
                guard let over else { return segment }
                var style = segment.style
                style.bold = style.bold || over.bold
                if style.foreground == .default { style.foreground = over.foreground }
                return (segment.text, style)
            }
        }
    }

    private func plain(_ text: String, width: Int, indent: Int = 2, style: Style) -> [Row] {
        TextWrap.formula(text, width: width, indent: indent, ascii: ascii).map { [($0, style)] }
    }

    /// The rows above the footer, and where the open question's rows are (to keep them in view).
    func rows(width: Int) -> (rows: [Row], question: Range<Int>?) {
        let headingStyle = color ? Style(foreground: .cyan, bold: true) : .bold
        var rows: [Row] = plain(heading, width: width, indent: 0, style: headingStyle)
        rows += markdown(body, width: width)
        guard let question else { return (rows, nil) }
        let promptStyle = color ? Style(foreground: .yellow, bold: true) : .bold
        rows.append([])
        let start = rows.count
        var prompt = markdown(question.prompt, width: max(1, width - 2), over: promptStyle)
        if !prompt.isEmpty { prompt[0].insert(("? ", promptStyle), at: 0) }
        rows += prompt.enumerated().map { $0.offset == 0 ? $0.element : [("  ", .plain)] + $0.element }
        if let input = question.input {
            if let lastTry = question.lastTry {
                rows += plain("✗ " + lastTry, width: width, style: color ? Style(foreground: .red, bold: true) : .bold)
            }
            rows += plain("  answer with " + question.accepted, width: width, indent: 3, style: .dim)
            rows.append([(DrawText.prepare("> " + input + "▏", ascii: ascii), color ? Style(foreground: .green, bold: true) : .bold)])
        }
        if let hint = question.hint {
            rows += plain("hint: " + hint, width: width, style: .dim)
        }
        // The hint, once asked for, belongs to the open question: it is scrolled into view with it.
        let end = rows.count
        if let feedback = question.feedback {
            let mark = question.correct == true ? "✓ " : "✗ "
            let style: Style = color ? Style(foreground: question.correct == true ? .green : .red, bold: true) : .bold
            rows += markdown(mark + feedback, width: width, over: style)
        }
        return (rows, question.input != nil ? start..<end : nil)
    }

    /// Where the panel opens (the top, or with an open question as much of it as fits: at least
    /// its answer line, never below the fold) and how far it can scroll. PgUp and PgDn move from
    /// the opening row.
    static func scrolling(rows: Int, open: Range<Int>?, textHeight: Int) -> (base: Int, maxScroll: Int) {
        let maxScroll = max(0, rows - textHeight)
        var base = 0
        if let open {
            if open.upperBound > textHeight { base = min(maxScroll, max(open.lowerBound, open.upperBound - textHeight)) }
            if open.count > textHeight { base = min(maxScroll, open.upperBound - textHeight) }
        }
        return (base, maxScroll)
    }

    /// The `scroll` values that move the text in `area` (relative to where it opens), and the
    /// rows a page holds: for PgUp and PgDn to stop at the ends.
    public func scrollRange(in area: Rect) -> (range: ClosedRange<Int>, page: Int) {
        let textHeight = area.height - (!footer.isEmpty && area.height >= 2 ? 1 : 0)
        let (all, open) = rows(width: area.width)
        let (base, maxScroll) = Self.scrolling(rows: all.count, open: open, textHeight: textHeight)
        return ((-base)...(maxScroll - base), max(1, textHeight - 2))
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        let hasFooter = !footer.isEmpty && area.height >= 2
        let textHeight = area.height - (hasFooter ? 1 : 0)
        let (all, open) = rows(width: area.width)
        let (base, maxScroll) = Self.scrolling(rows: all.count, open: open, textHeight: textHeight)
        let offset = min(max(0, base + scroll), maxScroll)
        for (i, row) in all.dropFirst(offset).prefix(textHeight).enumerated() {
            var x = area.x
            for segment in row { x = buffer.write(segment.text, x: x, y: area.y + i, style: segment.style, clip: area) }
        }
        if hasFooter {
            let up = offset > 0, down = offset < maxScroll
            var scrolling = (up ? "↑ PgUp  " : "") + (down ? "↓ more: PgDn  " : "")
            // Keys separated by " · ": too narrow for all, the scrolling hint shrinks to its arrows
            // (PgUp and PgDn are in the key help), then the middle keys go, so the first (what to
            // do) and the last (how to get out) stay whole.
            var keys = footer.split(separator: " · ").map(String.init)
            if (scrolling + footer).count > area.width, up || down {
                scrolling = (up ? "↑" : "") + (down ? "↓" : "") + " "
            }
            while keys.count > 2, (scrolling + keys.joined(separator: " · ")).count > area.width { keys.remove(at: keys.count - 2) }
            let text = scrolling + keys.joined(separator: " · ")
            buffer.write(DrawText.truncate(DrawText.prepare(text, ascii: ascii), width: area.width, ascii: ascii),
                         x: area.x, y: area.maxY - 1, style: .dim, clip: area)
        }
    }
}
