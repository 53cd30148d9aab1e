import NNCore

/// Where laid-out text goes, which decides its glyphs: a terminal panel or a plain-text handout.
struct MarkdownPreparation: Sendable {
    var forTerminal: Bool
    var ascii: Bool
    /// A printed handout keeps a code block's lines whole, even past the width: an author lays out a
    /// table or a derivation there by hand, and a cut line would lose part of it. It keeps a command
    /// too (a code span starting with `commandPrefix`): one that does not fit a line gets lines of
    /// its own, so that a reader can copy it.
    var keepsCodeWhole = false

    /// What a code span that is a command starts with.
    static let commandPrefix = "nn-tutor "

    /// Whether `run` is a command (a code span, never quoted) this layout keeps whole.
    func keepsWhole(_ run: StyledRun) -> Bool {
        keepsCodeWhole && run.kind == .code && run.text.hasPrefix(Self.commandPrefix)
    }

    static func terminal(ascii: Bool) -> MarkdownPreparation { MarkdownPreparation(forTerminal: true, ascii: ascii) }
    static func plain(ascii: Bool) -> MarkdownPreparation { MarkdownPreparation(forTerminal: false, ascii: ascii) }

    /// A panel has styles, so a bullet can be a bullet; plain text keeps Markdown's own "-".
    var bullet: String { forTerminal && !ascii ? "•" : "-" }

    var ruleCharacter: Character { ascii ? "-" : "─" }

    /// A code span is quoted, ‘or’, ‘and’ and ‘nand’, so names stay names and not words of the
    /// sentence: in plain text, which has no style to set code apart, and on a screen too, where
    /// the code style may not show (no colour, a monochrome terminal, a copy of the screen).
    /// ASCII turns the quotes into '. A command (`nn-tutor …`) is left unquoted, to be copied.
    var quotesCode: Bool { true }

    /// A code span as it is shown: quoted, but a command left bare.
    static func quoted(code: String) -> String {
        code.hasPrefix(commandPrefix) ? code : "‘" + code + "’"
    }

    /// `text` as it will be shown: for a terminal, exactly what the widgets draw (`DrawText.prepare`:
    /// ASCII fallback, wide glyphs as "?"), so that one Character is one column; for plain text,
    /// only the ASCII fallback. `memo` keeps the results of one layout: text repeats its symbols.
    func prepare(_ text: String, memo: inout [String: String]) -> String {
        guard ascii else {
            guard forTerminal, text.unicodeScalars.contains(where: { $0.value >= 0x1100 }) else { return text }
            return DrawText.prepare(text, ascii: false)
        }
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        if let known = memo[text] { return known }
        // Under ASCII, DrawText.prepare is the transliteration (its output has no wide glyphs).
        let result = Self.fastTransliteration(text) ?? ASCIIFallback.transliterate(text)
        memo[text] = result
        return result
    }

    /// `ASCIIFallback.transliterate(text)`, a character at a time: that function tries each of its
    /// symbols over the whole text, which costs tens of microseconds even for one word. Nil when
    /// a character is not in `spellings`; the caller then asks `ASCIIFallback` itself.
    static func fastTransliteration(_ text: String) -> String? {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            if character.isASCII {
                out.append(character)
            } else if let spelling = spellings[character] {
                out += spelling
            } else {
                return nil
            }
        }
        return out
    }

    /// ASCIIFallback's spelling of each symbol the lessons use, asked of it once. A symbol it
    /// spells "?" on its own (like "ᵢ", which only has a spelling after y, ŷ or Σ) is left out, so
    /// text holding it always goes to ASCIIFallback, and the two ways always agree.
    static let spellings: [Character: String] = {
        var table: [Character: String] = [:]
        for character in "σ′∂ŷΣ−·²←η✗✓…≈×₁₂⊙ᵀ≤≥→δ“”‘’—–▏▸▶↓↑○●•ᵢ" {
            let spelling = ASCIIFallback.transliterate(String(character))
            if !spelling.contains("?") { table[character] = spelling }
        }
        return table
    }()
}
