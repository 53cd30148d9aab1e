/// One field of a CSV record: its text without the quotes, and the physical line it starts on.
struct CSVField: Equatable {
    /// Unquoted fields are trimmed of spaces and tabs; quoted ones keep what is inside the quotes.
    var text: String
    var line: Int
    var quoted: Bool
}

/// One record (a header or a row): its fields and the physical line it starts on.
struct CSVRecord: Equatable {
    var fields: [CSVField]
    var line: Int
}

/// The two ways a file can break the quoting rules.
enum CSVSyntaxError: Error, Equatable {
    /// A field opened with `"` on `line` and no closing `"` before the end of the file.
    case unclosedQuote(line: Int)
    /// `found` follows a field's closing quote on `line`, where only `,` or a line end may.
    case textAfterQuote(line: Int, found: String)
}

/// Splits UTF-8 bytes into records, one at a time (RFC 4180 plus what spreadsheets and pandas write).
///
/// - A line ends with LF, CRLF or a lone CR (old Mac spreadsheets); lines are counted the same
///   way everywhere, so the numbers match what an editor shows.
/// - Fields are separated by `,`. Spaces and tabs around a field are ignored; a field may be
///   quoted (`"0.5"`), may then hold commas and line ends, and writes a quote as `""`.
/// - A `"` that is not at the start of a field is an ordinary character, as in pandas.
/// - Blank lines (nothing, or only spaces and tabs) are skipped wherever they are, as pandas'
///   `skip_blank_lines` does, so a trailing newline or two is harmless.
struct CSVRecords {
    private let bytes: [UInt8]
    private var i: Int
    /// The physical line (1-based) of `bytes[i]`.
    private var line = 1

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    /// Reads `bytes` from offset `start` (past a byte order mark), which is on line 1.
    init(_ bytes: [UInt8], from start: Int = 0) {
        self.bytes = bytes
        self.i = start
    }

    /// The next record that is not a blank line, nil at the end of the input.
    mutating func next() -> Result<CSVRecord, CSVSyntaxError>? {
        while i < bytes.count {
            let recordLine = line
            var fields: [CSVField] = []
            while true {
                switch readField() {
                case .failure(let error): return .failure(error)
                case .success(let field): fields.append(field)
                }
                if i < bytes.count, bytes[i] == Self.comma {
                    i += 1
                    continue
                }
                skipLineEnd()
                break
            }
            if fields.count == 1, !fields[0].quoted, fields[0].text.isEmpty { continue }
            return .success(CSVRecord(fields: fields, line: recordLine))
        }
        return nil
    }

    /// Reads one field and stops at the `,` or line end after it (or the end of the input).
    private mutating func readField() -> Result<CSVField, CSVSyntaxError> {
        skipBlanks()
        let fieldLine = line
        guard i < bytes.count, bytes[i] == Self.quote else {
            let start = i
            while i < bytes.count, !isFieldEnd(bytes[i]) { i += 1 }
            var end = i
            while end > start, isBlank(bytes[end - 1]) { end -= 1 }
            return .success(CSVField(text: String(decoding: bytes[start..<end], as: UTF8.self), line: fieldLine, quoted: false))
        }
        i += 1
        var content: [UInt8] = []
        while true {
            guard i < bytes.count else { return .failure(.unclosedQuote(line: fieldLine)) }
            let c = bytes[i]
            if c == Self.quote {
                if i + 1 < bytes.count, bytes[i + 1] == Self.quote {
                    content.append(Self.quote)
                    i += 2
                    continue
                }
                i += 1
                break
            }
            if c == Self.cr || c == Self.lf {
                // A line end inside quotes belongs to the field, but still starts a new physical line.
                content.append(Self.lf)
                skipLineEnd()
                continue
            }
            content.append(c)
            i += 1
        }
        skipBlanks()
        if i < bytes.count, !isFieldEnd(bytes[i]) {
            let start = i
            while i < bytes.count, !isFieldEnd(bytes[i]) { i += 1 }
            let found = String(decoding: bytes[start..<i], as: UTF8.self)
            return .failure(.textAfterQuote(line: line, found: found))
        }
        return .success(CSVField(text: String(decoding: content, as: UTF8.self), line: fieldLine, quoted: true))
    }

    private func isFieldEnd(_ c: UInt8) -> Bool { c == Self.comma || c == Self.cr || c == Self.lf }
    private func isBlank(_ c: UInt8) -> Bool { c == Self.space || c == Self.tab }

    private mutating func skipBlanks() {
        while i < bytes.count, isBlank(bytes[i]) { i += 1 }
    }

    /// Steps over one LF, CRLF or lone CR, if there is one here.
    private mutating func skipLineEnd() {
        guard i < bytes.count else { return }
        if bytes[i] == Self.cr, i + 1 < bytes.count, bytes[i + 1] == Self.lf { i += 1 }
        i += 1
        line += 1
    }
}
