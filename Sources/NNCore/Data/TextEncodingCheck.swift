/// Checks that a data file's bytes are UTF-8 text before any CSV rule is applied, so a wrong
/// encoding is reported as such and not as a puzzling "not a number" further on.
enum TextEncodingCheck {
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Where the text starts: past a UTF-8 byte order mark (spreadsheets write one), if any.
    static func textStart(_ bytes: [UInt8]) -> Int {
        bytes.starts(with: utf8BOM) ? utf8BOM.count : 0
    }

    /// The first problem as (line, message), nil for clean UTF-8 text.
    ///
    /// A NUL byte is refused too: it is valid UTF-8, but in a CSV file it means UTF-16 or a binary file.
    static func problem(_ bytes: [UInt8]) -> (line: Int, message: String)? {
        let advice = "save the file as UTF-8"
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return (1, "not valid UTF-8 (the file is UTF-16); \(advice)")
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return (1, "not a CSV file but a zip archive (an .xlsx spreadsheet?); save the sheet as CSV UTF-8")
        }
        guard let bad = firstInvalidByte(bytes) else { return nil }
        let line = lineNumber(at: bad, in: bytes)
        if bytes[bad] == 0 {
            return (line, "not valid UTF-8 text (a NUL byte: UTF-16 or a binary file?); \(advice)")
        }
        return (line, "not valid UTF-8 (byte 0x\(hex(bytes[bad]))); \(advice)")
    }

    /// The offset of the first byte that is NUL or does not belong to a well-formed UTF-8
    /// sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
    static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { b -> Int? in
            var i = 0
            let n = b.count
            while i < n {
                let lead = b[i]
                if lead < 0x80 {
                    if lead == 0 { return i }
                    i += 1
                    continue
                }
                // The allowed range of the second byte and the sequence length, per lead byte.
                let second: ClosedRange<UInt8>, length: Int
                switch lead {
                case 0xC2...0xDF: (second, length) = (0x80...0xBF, 2)
                case 0xE0: (second, length) = (0xA0...0xBF, 3)
                case 0xE1...0xEC, 0xEE...0xEF: (second, length) = (0x80...0xBF, 3)
                case 0xED: (second, length) = (0x80...0x9F, 3)
                case 0xF0: (second, length) = (0x90...0xBF, 4)
                case 0xF1...0xF3: (second, length) = (0x80...0xBF, 4)
                case 0xF4: (second, length) = (0x80...0x8F, 4)
                default: return i
                }
                guard i + length <= n, second.contains(b[i + 1]) else { return i }
                for k in 2..<length where !(0x80...0xBF).contains(b[i + k]) { return i }
                i += length
            }
            return nil
        }
    }

    /// The physical line of `offset`, counting LF, CRLF and a lone CR as CSVRecords does.
    static func lineNumber(at offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        for j in 0..<offset {
            let c = bytes[j]
            if c == 0x0A || (c == 0x0D && (j + 1 >= bytes.count || bytes[j + 1] != 0x0A)) { line += 1 }
        }
        return line
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
