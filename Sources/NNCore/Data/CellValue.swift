/// What one trimmed cell holds, before a column's rule is applied.
enum CellValue: Equatable {
    /// A finite decimal, or `True`/`False` as 1/0.
    case number(Double)
    /// Nothing: pandas writes NaN so.
    case empty
    /// A word for "no value": `nan`, `NA`, `N/A`, `#N/A`, `null`, `None`, `<NA>` (any case).
    case missing
    /// `inf`, `-inf`, `Infinity` and the like (any case).
    case infinite
    /// A well-formed decimal beyond the largest double, such as `1e999`.
    case tooLarge
    /// A spreadsheet's error value, such as `#DIV/0!` or `#VALUE!`.
    case spreadsheetError
    /// Anything else.
    case text

    private static let missingWords: Set<String> = ["nan", "-nan", "+nan", "na", "n/a", "#n/a", "null", "none", "<na>"]
    private static let infiniteWords: Set<String> = ["inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"]

    init(text: String) {
        if text.isEmpty {
            self = .empty
        } else if Self.isDecimal(text) {
            // The grammar is checked first because Double(_:) also takes hex, "nan" and "inf".
            guard let value = Double(text) else { self = .text; return }
            self = value.isFinite ? .number(value) : .tooLarge
        } else {
            let word = text.lowercased()
            if word == "true" {
                self = .number(1)
            } else if word == "false" {
                self = .number(0)
            } else if Self.missingWords.contains(word) {
                self = .missing
            } else if Self.infiniteWords.contains(word) {
                self = .infinite
            } else if word.hasPrefix("#") {
                self = .spreadsheetError
            } else {
                self = .text
            }
        }
    }

    /// `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`: what pandas and
    /// spreadsheets write, and no hex, no underscores, no thousands separators.
    static func isDecimal(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        var c = bytes.next()
        func isDigit(_ c: UInt8?) -> Bool { c.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false }
        func isSign(_ c: UInt8?) -> Bool { c == UInt8(ascii: "+") || c == UInt8(ascii: "-") }

        if isSign(c) { c = bytes.next() }
        var digits = 0
        while isDigit(c) { digits += 1; c = bytes.next() }
        if c == UInt8(ascii: ".") {
            c = bytes.next()
            while isDigit(c) { digits += 1; c = bytes.next() }
        }
        guard digits > 0 else { return false }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            c = bytes.next()
            if isSign(c) { c = bytes.next() }
            var exponentDigits = 0
            while isDigit(c) { exponentDigits += 1; c = bytes.next() }
            guard exponentDigits > 0 else { return false }
        }
        return c == nil
    }
}

/// How cell text is trimmed and shown in a one-line message.
enum CellText {
    /// Without the spaces, tabs and line ends around it. Unquoted fields come trimmed of spaces
    /// and tabs already; a quoted one may also end in a line break typed into a spreadsheet
    /// cell, invisible there, which pandas ignores around a number too.
    static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        func isBlank(_ c: UInt8) -> Bool {
            c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
        }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }),
              let last = bytes.lastIndex(where: { !isBlank($0) }) else { return "" }
        // Both ends sit next to ASCII whitespace or the string's end, so they fall between scalars.
        let end = bytes.index(after: last)
        if first == bytes.startIndex, end == bytes.endIndex { return text }
        return String(text[first..<end])
    }

    /// `text` on one line: control and format characters escaped (a cell must not be able to
    /// break the line or steer the terminal), and cut after 40 characters.
    static func shown(_ text: String, limit: Int = 40) -> String {
        var out = ""
        for (count, character) in text.enumerated() {
            if count == limit {
                out += "…"
                break
            }
            for scalar in character.unicodeScalars {
                switch scalar {
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    switch scalar.properties.generalCategory {
                    case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
                        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                    default:
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        return out
    }

    /// `'text'`, shown.
    static func quoted(_ text: String) -> String { "'" + shown(text) + "'" }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }
}
