/// A question as the lesson panel shows it: asked, answered, or revealed.
public struct QuestionBlock: Sendable, Equatable {
    public var prompt: String
    /// What may be typed ("+, − or 0").
    public var accepted: String
    /// The answer being typed; nil once the question is no longer open.
    public var input: String?
    /// The verdict and explanation after an answer.
    public var feedback: String?
    /// True / false once answered; nil before.
    public var correct: Bool?
    /// Shown on request (Tab).
    public var hint: String?

    public init(prompt: String, accepted: String, input: String? = nil, feedback: String? = nil,
                correct: Bool? = nil, hint: String? = nil) {
        self.prompt = prompt
        self.accepted = accepted
        self.input = input
        self.feedback = feedback
        self.correct = correct
        self.hint = hint
    }
}

/// The lesson's text beside the live panels: a heading, the narrative, an optional question,
/// and a footer line of keys. Text wraps to the width; `scroll` skips rows from the top, and the
/// footer says when more is below.
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

    /// The rows above the footer, styled.
    func rows(width: Int) -> [(String, Style)] {
        let headingStyle = color ? Style(foreground: .cyan, bold: true) : .bold
        var rows: [(String, Style)] = TextWrap.wrap(DrawText.prepare(heading, ascii: ascii), width: width).map { ($0, headingStyle) }
        for paragraph in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = DrawText.prepare(String(paragraph), ascii: ascii)
            let lines = TextWrap.wrap(text, width: width)
            rows += (lines.isEmpty ? [""] : lines).map { ($0, Style.plain) }
        }
        guard let question else { return rows }
        let promptStyle = color ? Style(foreground: .yellow, bold: true) : .bold
        rows.append(("", .plain))
        rows += TextWrap.wrap(DrawText.prepare("? " + question.prompt, ascii: ascii), width: width, indent: 2).map { ($0, promptStyle) }
        if let input = question.input {
            rows += TextWrap.wrap(DrawText.prepare("  answer with " + question.accepted, ascii: ascii), width: width, indent: 3)
                .map { ($0, Style.dim) }
            rows.append((DrawText.prepare("> " + input + "▏", ascii: ascii), color ? Style(foreground: .green, bold: true) : .bold))
        }
        if let hint = question.hint {
            rows += TextWrap.wrap(DrawText.prepare("hint: " + hint, ascii: ascii), width: width, indent: 2).map { ($0, Style.dim) }
        }
        if let feedback = question.feedback {
            let mark = question.correct == true ? "✓ " : "✗ "
            let style: Style = color ? Style(foreground: question.correct == true ? .green : .red, bold: true) : .bold
            rows += TextWrap.wrap(DrawText.prepare(mark + feedback, ascii: ascii), width: width, indent: 2).map { ($0, style) }
        }
        return rows
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        buffer.fill(area, with: .blank)
        let hasFooter = !footer.isEmpty && area.height >= 2
        let textHeight = area.height - (hasFooter ? 1 : 0)
        let all = rows(width: area.width)
        let maxScroll = max(0, all.count - textHeight)
        let offset = min(max(0, scroll), maxScroll)
        for (i, row) in all.dropFirst(offset).prefix(textHeight).enumerated() {
            buffer.write(row.0, x: area.x, y: area.y + i, style: row.1, clip: area)
        }
        if hasFooter {
            var text = footer
            if offset < maxScroll { text = "↓ more: PgDn  " + text }
            if offset > 0 { text = "↑ PgUp  " + text }
            buffer.write(DrawText.truncate(DrawText.prepare(text, ascii: ascii), width: area.width, ascii: ascii),
                         x: area.x, y: area.maxY - 1, style: .dim, clip: area)
        }
    }
}
