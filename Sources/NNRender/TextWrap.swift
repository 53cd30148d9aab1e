/// Word-wraps text to a width, for panels that show prose or long equations.
public enum TextWrap {
    /// Splits `text` into lines of at most `width` characters, breaking at spaces.
    ///
    /// Newlines start new paragraphs; continuation lines of a paragraph begin with `indent` spaces
    /// (ignored when it would leave no room); a word longer than the room is split across lines.
    /// A width of 0 or less gives no lines.
    public static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
        guard width > 0 else { return [] }
        let indent = indent > 0 && indent < width ? indent : 0
        let prefix = String(repeating: " ", count: indent)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            var startedParagraph = false
            // Room on the line being built: the first line of a paragraph has the full width.
            func room() -> Int { startedParagraph ? width - indent : width }
            func flush() {
                lines.append(startedParagraph ? prefix + current : current)
                startedParagraph = true
                current = ""
            }
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = Substring(word)
                if !current.isEmpty {
                    if current.count + 1 + word.count <= room() {
                        current += " " + word
                        continue
                    }
                    flush()
                }
                while word.count > room() {
                    current = String(word.prefix(room()))
                    word = word.dropFirst(room())
                    flush()
                }
                current = String(word)
            }
            if !current.isEmpty || !startedParagraph { flush() }
        }
        return lines
    }

    /// Wraps an equation or any text with formulas: breaks fall only at spaces the no-break rules
    /// allow (never inside `(y − ŷ)²`, `(0, −0.1624)` or `y = 1`; a long line breaks before its `=`
    /// signs first), and continuation lines begin with `indent` spaces. The text is prepared for the
    /// terminal (`ascii` fallback) as it is laid out.
    public static func formula(_ text: String, width: Int, indent: Int = 2, ascii: Bool = false) -> [String] {
        guard width > 0 else { return [] }
        let indent = indent > 0 && indent < width ? indent : 0
        // Most lines fit as they are: no layout needed when nothing in them is Markdown syntax
        // and no run of spaces would be folded into one.
        let bytes = text.utf8
        if !bytes.contains(where: { $0 == 42 || $0 == 95 || $0 == 96 || $0 == 91 || $0 == 92 || $0 == 60 }),  // * _ ` [ \ <
           !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 32 && $1 == 32 }) {
            let prepared = DrawText.prepare(text, ascii: ascii)
            if prepared.count <= width { return [prepared] }
        }
        return formula(text, width: width, indent: indent, preparation: .terminal(ascii: ascii)) {
            DrawText.prepare($0, ascii: ascii).count
        }
    }

    /// `formula` for any preparation (the terminal's, or plain text's for a handout), with
    /// `measure` giving a row's width as that preparation will show it.
    static func formula(_ text: String, width: Int, indent: Int, preparation: MarkdownPreparation,
                        measure: (String) -> Int) -> [String] {
        guard width > 0 else { return [] }
        let indent = indent > 0 && indent < width ? indent : 0
        // First choice: whole "= …" pieces per row, so a worked line reads as its steps:
        // "L = Σᵢ (yᵢ − ŷᵢ)²" then "  = 0.0865 + … = 0.1426". A piece too long for its row is laid
        // out by the no-break rules below.
        let pieces = text.split(separator: " = ", omittingEmptySubsequences: false).map(String.init)
        if pieces.count > 1, indent > 0, !isListOfAssignments(text), isEquationSide(pieces[0]) {
            var rows: [String] = []
            var current = pieces[0]
            for piece in pieces.dropFirst() {
                let limit = rows.isEmpty ? width : width - indent
                if measure(current + " = " + piece) <= limit {
                    current += " = " + piece
                } else {
                    rows.append(current)
                    current = "= " + piece
                }
            }
            rows.append(current)
            if rows.count > 1 {
                var out: [String] = []
                for (i, row) in rows.enumerated() {
                    let limit = i == 0 ? width : width - indent
                    let laid = laidOut(row, width: limit, indent: indent, preparation: preparation)
                    out += i == 0 ? laid : laid.map { String(repeating: " ", count: indent) + $0 }
                }
                return out
            }
        }
        return laidOut(text, width: width, indent: indent, preparation: preparation)
    }

    /// Whether the text before a line's first "=" is an equation's left side ("L", "∂L/∂W₁",
    /// "mean ∂L/∂W₃", "W ← W − η·∂L/∂W") rather than prose ("hint: At x"): no word of three or
    /// more letters but the equations' own "mean".
    static func isEquationSide(_ text: String) -> Bool {
        text.split(whereSeparator: { !($0.isLetter && ($0.unicodeScalars.first?.value ?? 0) < 0x2070) })
            .allSatisfy { $0.count < 3 || $0 == "mean" }
    }

    /// Whether `text` is several statements ("x = (0, 1), y = 1, W = …"): a comma outside brackets
    /// followed by a name rather than a number. Those are broken by the no-break rules, never at
    /// each "=".
    static func isListOfAssignments(_ text: String) -> Bool {
        var depth = 0
        var previous: Character = " "
        var afterComma = false
        for character in text {
            switch character {
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            default: break
            }
            if afterComma, character != " " {
                if !(character.isNumber || character == "−" || character == "-" || character == "(") { return true }
                afterComma = false
            }
            if depth == 0, previous == ",", character == " " { afterComma = true }
            previous = character
        }
        return false
    }

    /// The no-break rules' layout of one formula: the first row at `width`, the rest indented.
    private static func laidOut(_ text: String, width: Int, indent: Int, preparation: MarkdownPreparation) -> [String] {
        guard width > 0 else { return [] }
        let indent = indent > 0 && indent < width ? indent : 0
        let document = MarkdownDocument(blocks: [.paragraph([StyledRun(text)], depth: 0)])
        let first = MarkdownLayout(document, width: width, preparation: preparation).text
        guard first.count > 1, indent > 0 else { return first }
        // Laid out again in the room a continuation line has, the first line kept as it was. The
        // first pass already applied the ASCII fallback, which the second must not apply again.
        var again = preparation
        again.ascii = false
        let rest = first.dropFirst().joined(separator: " ")
        let continued = MarkdownLayout(MarkdownDocument(blocks: [.paragraph([StyledRun(rest)], depth: 0)]),
                                       width: width - indent, preparation: again).text
        return [first[0]] + continued.map { String(repeating: " ", count: indent) + $0 }
    }
}
