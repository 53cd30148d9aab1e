import NNCore

/// Text preparation shared by the widgets: ASCII fallback, single-column safety, truncation.
public enum DrawText {
    /// The text as the widget will draw it: transliterated under `--ascii`, wide glyphs replaced by "?"
    /// because the buffer assumes every character takes one column.
    public static func prepare(_ text: String, ascii: Bool) -> String {
        let base = ascii ? ASCIIFallback.transliterate(text) : text
        guard base.unicodeScalars.contains(where: { $0.value >= 0x1100 }) else { return base }
        return String(base.map { isWide($0) ? "?" : $0 })
    }

    /// `text` cut to `width` columns, ending in "…" ("..." under ASCII, from 4 columns) when cut.
    public static func truncate(_ text: String, width: Int, ascii: Bool) -> String {
        guard width > 0 else { return "" }
        guard text.count > width else { return text }
        if ascii {
            return width >= 4 ? String(text.prefix(width - 3)) + "..." : String(text.prefix(width))
        }
        return String(text.prefix(width - 1)) + "…"
    }

    /// True for characters a terminal draws two columns wide (East Asian wide, emoji).
    static func isWide(_ character: Character) -> Bool {
        for scalar in character.unicodeScalars {
            let v = scalar.value
            if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || v >= 0x20000
                || v == 0xFE0F
            {
                return true
            }
        }
        return false
    }
}

/// The line-drawing characters a widget uses, in Unicode or plain ASCII.
struct BoxGlyphs {
    var horizontal: Character
    var vertical: Character
    var topLeft: Character
    var topRight: Character
    var bottomLeft: Character
    var bottomRight: Character
    /// ├ and ┤: a line leaving a box's side.
    var teeRight: Character
    var teeLeft: Character
    /// ┬ and ┴.
    var teeDown: Character
    var teeUp: Character
    var arrowRight: Character
    var arrowLeft: Character
    var arrowDown: Character
    var arrowUp: Character

    static let unicode = BoxGlyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeRight: "├", teeLeft: "┤", teeDown: "┬", teeUp: "┴",
        arrowRight: "►", arrowLeft: "◄", arrowDown: "▼", arrowUp: "▲")

    static let ascii = BoxGlyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeRight: "+", teeLeft: "+", teeDown: "+", teeUp: "+",
        arrowRight: ">", arrowLeft: "<", arrowDown: "v", arrowUp: "^")

    static func set(ascii: Bool) -> BoxGlyphs { ascii ? .ascii : .unicode }
}
