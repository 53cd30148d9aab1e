/// A GitHub-style pipe table (a header row, a delimiter row of dashes, then rows), laid out as
/// aligned monospaced lines: the header, a rule, the rows. Cells are shown as plain text (code
/// spans quoted, emphasis markers dropped), each column as wide as its widest cell.
struct MarkdownTable {
    let rows: [String]

    /// Nil unless every line starts with "|" and the second is a delimiter row (`|---|:--:|`).
    init?(_ lines: [Substring]) {
        guard lines.count >= 2, lines.allSatisfy({ $0.hasPrefix("|") }) else { return nil }
        let delimiter = Self.cells(lines[1])
        guard !delimiter.isEmpty, delimiter.allSatisfy({ cell in
            !cell.isEmpty && cell.contains("-") && cell.allSatisfy { $0 == "-" || $0 == ":" }
        }) else { return nil }
        let body = [lines[0]] + lines.dropFirst(2)
        let table = body.map { Self.cells($0).map { MarkdownText.flatten($0) } }
        let columns = table.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in table {
            for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ row: [String]) -> String {
            var text = ""
            for i in 0..<columns {
                let cell = i < row.count ? row[i] : ""
                text += (i == 0 ? "" : "  ") + cell + String(repeating: " ", count: widths[i] - cell.count)
            }
            while text.last == " " { text.removeLast() }
            return text
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        rows = [line(table[0]), rule] + table.dropFirst().map(line)
    }

    /// A row's cells: split on "|" outside code spans and escapes, outer pipes dropped, trimmed.
    static func cells(_ line: Substring) -> [String] {
        var cells: [String] = []
        var current = ""
        var inCode = false
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
                current.append(character)
            } else if character == "`" {
                inCode.toggle()
                current.append(character)
            } else if character == "|" && !inCode {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        cells.append(current)
        if cells.first?.trimmingSpaces.isEmpty == true { cells.removeFirst() }
        if cells.last?.trimmingSpaces.isEmpty == true { cells.removeLast() }
        return cells.map(\.trimmingSpaces)
    }
}

private extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
