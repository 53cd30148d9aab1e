import NNCore

/// Lesson Markdown as plain text, for printed handouts and one-line previews.
///
/// Plain text has no styles, so emphasis simply loses its markers, and a code span is set in
/// single quotes, ‘or’: a name, not a word of the sentence, and without Markdown's backticks.
public enum MarkdownText {
    /// The text wrapped to `width` exactly as the panel wraps it (same no-break rules, hanging
    /// indents), with "-" bullets and quoted code spans. `ascii` applies the tutor's ASCII
    /// fallback (the quotes become '). Every line fits the width; a width of 0 or less gives none.
    ///
    /// With `wholeCode`, a fenced code block's lines are kept whole instead, even when wider than
    /// `width`: the one exception to the width, for a handout that must not lose part of a line.
    /// A command in a code span (`nn-tutor …`) that does not fit then gets lines of its own,
    /// without quotes, broken at its spaces with a shell's " \" so that it still runs when copied.
    public static func plain(_ markdown: String, width: Int, ascii: Bool = false, wholeCode: Bool = false) -> [String] {
        var preparation = MarkdownPreparation.plain(ascii: ascii)
        preparation.keepsCodeWhole = wholeCode
        return MarkdownLayout(MarkdownDocument(markdown), width: width, preparation: preparation).text
    }

    /// One line of text with formulas (no Markdown: `*` and `_` are themselves), wrapped for plain
    /// text as `TextWrap.formula` wraps it for a panel: breaks only where the no-break rules allow,
    /// before `=` signs first; continuation lines begin with `indent` spaces. `ascii` applies the
    /// fallback as it lays out, so the widths are those of the printed text. Every line fits `width`.
    public static func formula(_ text: String, width: Int, indent: Int = 2, ascii: Bool = false) -> [String] {
        TextWrap.formula(text, width: width, indent: indent, preparation: .plain(ascii: ascii)) {
            ascii ? ASCIIFallback.transliterate($0).count : $0.count
        }
    }

    /// The whole text on one line: blocks joined by single spaces, list items keeping their
    /// markers ("- ", "1. "), code spans quoted, code block lines joined, rules left out.
    public static func flatten(_ markdown: String) -> String {
        var parts: [String] = []
        func text(_ runs: [StyledRun]) -> String {
            runs.map { $0.kind == .code ? MarkdownPreparation.quoted(code: $0.text) : $0.text }.joined()
        }
        for block in MarkdownDocument(markdown).blocks {
            switch block {
            case .paragraph(let runs, _), .heading(let runs, _, _):
                parts.append(text(runs))
            case .listItem(.bullet, let runs, _):
                parts.append("- " + text(runs))
            case .listItem(.ordered(let number, let delimiter), let runs, _):
                parts.append("\(number)\(delimiter) " + text(runs))
            case .codeBlock(let lines, _):
                parts += lines
            case .rule, .blank:
                continue
            }
        }
        // Runs of spaces (from code or joined lines) become one.
        return parts.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
