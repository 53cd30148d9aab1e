import NNCore
import NNRender

/// Writes a handout's parts, as plain text wrapped to the width or as Markdown.
///
/// The handout says what each part is (a title, a stop's heading, lesson text, a sentence of its
/// own, a line of the trace); the page decides how it looks. Text: every line fits the width, but
/// a code block line of the lesson's own text. Markdown: lesson text as written, the trace and
/// every table or diagram in fenced code blocks (wrapped to the width) so they stay monospaced.
final class HandoutPage {
    private let sink: OutputSink
    private let options: HandoutOptions
    private var width: Int { options.width }
    private var markdown: Bool { options.format == .markdown }
    private var inCode = false
    /// Whether the last line written was blank (or nothing was written): blank lines never double.
    private var atBlank = true
    /// While set, what would be written is kept here instead: what gives a question's answer away.
    var holding: HandoutHeldBack?

    init(sink: OutputSink, options: HandoutOptions) {
        self.sink = sink
        self.options = options
    }

    private func emit(_ line: String) {
        sink.writeLine(options.ascii ? ASCIIFallback.transliterate(line) : line)
        atBlank = line.isEmpty
    }

    /// A break between paragraphs (in Markdown, it also ends a code block).
    func blank() {
        if let holding { return holding.parts.append(.blank) }
        if markdown && inCode { leaveCode() }
        blankLine()
    }

    private func blankLine() {
        if !atBlank { emit("") }
    }

    /// A blank line inside a code block, written only if another line of the block follows.
    private var pendingCodeBlank = false

    /// Ends a code block before anything that is not a line of it.
    private func leaveCode() {
        guard inCode else { return }
        emit("```")
        inCode = false
        pendingCodeBlank = false
        blankLine()
    }

    /// The lesson's title, at the top.
    func title(_ text: String) {
        if markdown {
            emit("# " + text)
        } else {
            let lines = TextWrap.wrap(shown(text), width: width)
            for line in lines { emit(line) }
            emit(String(repeating: "=", count: lines.map(\.count).max() ?? 0))
        }
        blank()
    }

    /// A section's heading: a stop, the answer key.
    func heading(_ text: String) {
        leaveCode()
        blank()
        if markdown {
            emit("## " + text)
        } else {
            let rule: Character = options.ascii ? "-" : "─"
            let lines = TextWrap.wrap(shown(text), width: width - 3)
            for (i, line) in lines.enumerated() {
                var row = (i == 0 ? String(repeating: rule, count: 2) + " " : "   ") + line
                if lines.count == 1, row.count + 2 <= width {
                    row += " " + String(repeating: rule, count: width - row.count - 1)
                }
                emit(row)
            }
        }
        blank()
    }

    /// Lesson text (Markdown with values filled in), after an optional bold label such as "Question:".
    func prose(_ text: String, indent: Int = 2, label: String? = nil) {
        if let holding { return holding.parts.append(.prose(text, indent: indent, label: label)) }
        leaveCode()
        if markdown {
            let body = (label.map { "**\($0)** " } ?? "") + text
            for line in body.split(separator: "\n", omittingEmptySubsequences: false) { emit(String(line)) }
            blank()
            return
        }
        let source = (label.map { $0 + " " } ?? "") + text
        let pad = String(repeating: " ", count: indent)
        for line in MarkdownText.plain(source, width: width - indent, ascii: options.ascii, wholeCode: true) {
            emit(line.isEmpty ? "" : pad + line)
        }
    }

    /// A sentence of the handout's own (no Markdown in it): wrapped in text, escaped in Markdown.
    func sentence(_ text: String, indent: Int = 2) {
        if let holding { return holding.parts.append(.sentence(text, indent: indent)) }
        leaveCode()
        if markdown {
            emit(Self.escaped(text))
            blank()
            return
        }
        let pad = String(repeating: " ", count: indent)
        let text = shown(text)
        // As written when it fits (its spaces may line things up); wrapped at spaces otherwise.
        let lines = text.count <= width - indent ? [text] : TextWrap.wrap(text, width: width - indent, indent: 2)
        for line in lines { emit(pad + line) }
    }

    /// A monospaced line: the trace, the setup, a table, the boundary. Wrapped to the width at the
    /// places a formula may break, continuation lines hanging under the line's text.
    func mono(_ line: String) {
        if let holding { return holding.parts.append(.mono(line)) }
        if line.isEmpty {
            if !markdown { blankLine() } else if inCode { pendingCodeBlank = true }  // never opens a code block
            return
        }
        if markdown && !inCode {
            blankLine()
            emit("```text")
            inCode = true
        }
        if pendingCodeBlank {
            emit("")
            pendingCodeBlank = false
        }
        for piece in Self.wrapMono(line, width: width, ascii: options.ascii) { emit(piece) }
    }

    /// Closes what is open; call once at the end.
    func finish() {
        leaveCode()
    }

    /// Writes what was held back, as it would have been written.
    func write(_ held: HandoutHeldBack) {
        let outer = holding
        holding = nil
        defer { holding = outer }
        for part in held.parts {
            switch part {
            case .mono(let line): mono(line)
            case .prose(let text, let indent, let label): prose(text, indent: indent, label: label)
            case .sentence(let text, let indent): sentence(text, indent: indent)
            case .blank: blank()
            }
        }
    }

    private func shown(_ text: String) -> String {
        options.ascii ? ASCIIFallback.transliterate(text) : text
    }

    /// `line` in lines of at most `width`. Its prefix (the leading spaces, and a label column such
    /// as "forward   ", or a label such as "epoch 9 loss: ", before an equation) starts the first
    /// line; the rest wraps under it.
    static func wrapMono(_ line: String, width: Int, ascii: Bool) -> [String] {
        let shown = ascii ? ASCIIFallback.transliterate(line) : line
        guard shown.count > width else { return [shown] }
        var prefix = String(line.prefix { $0 == " " })
        let rest = line.dropFirst(prefix.count)
        let word = rest.prefix { $0 != " " }
        if word.count <= 12, word.allSatisfy(\.isASCII), rest.dropFirst(word.count).hasPrefix("  ") {
            prefix += word + String(rest.dropFirst(word.count).prefix { $0 == " " })
        } else if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix(": "),
                  rest[..<colon].count <= 24, rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") }),
                  rest[colon...].contains(" = ") {
            // A label before an equation ("epoch 999 loss: L = Σᵢ …"): the equation wraps under itself.
            prefix += rest[...colon] + " "
        }
        if width - prefix.count < 24 { prefix = String(prefix.prefix(max(0, width - 24))) }
        let body = String(line.dropFirst(prefix.count)).trimmingLeadingSpaces
        let pieces = MarkdownText.formula(body, width: width - prefix.count, indent: 2, ascii: ascii)
        let pad = String(repeating: " ", count: prefix.count)
        return pieces.enumerated().map { i, piece in (i == 0 ? prefix : pad) + piece }
    }

    /// Text with Markdown's punctuation escaped, so it reads as written.
    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text {
            if "\\`*_[]<>#|".contains(c) { out.append("\\") }
            out.append(c)
        }
        return out
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
