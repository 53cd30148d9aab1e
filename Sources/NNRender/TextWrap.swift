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
}
