/// Which field of each row holds x1, x2 and y, as the header line names them.
struct DataHeader {
    /// The three columns a data file has, in `Sample` order.
    enum Column: Int, CaseIterable {
        case x1, x2, y

        var name: String { ["x1", "x2", "y"][rawValue] }

        /// What the column accepts, said after each bad value.
        var rule: String {
            self == .y ? "y must be 0 or 1" : "x1 and x2 must be finite numbers, like 0.5, -2 or 1e-05"
        }

        /// Matches a header name, ignoring case.
        init?(headerName: String) {
            switch headerName.lowercased() {
            case "x1": self = .x1
            case "x2": self = .x2
            case "y": self = .y
            default: return nil
            }
        }
    }

    /// The header's columns in file order: `order[i]` is the column of a row's field i.
    private var order: [Column]

    private static let required = "the header must name x1, x2 and y (in any order)"
    private static let onlyThese = "the file may have only x1, x2 and y"

    /// Reads the header line; every refusal names what the header must be.
    init(_ record: CSVRecord) throws(DataProblem) {
        let line = record.line
        func fail(_ message: String) -> DataProblem { DataProblem(line: line, message: message) }
        let names = record.fields.map { CellText.trimmed($0.text) }

        if names.count == 1, let separator = [";", "\t", "|"].first(where: { names[0].contains($0) }) {
            let shown = separator == "\t" ? "tabs" : "'\(separator)'"
            throw fail("the header \(CellText.quoted(names[0])) is one column; separate x1, x2 and y with commas, not \(shown)")
        }
        if names.allSatisfy({ if case .number = CellValue(text: $0) { true } else { false } }) {
            throw fail("the first line is data, not a header; the file must start with a line naming x1, x2 and y (in any order), like x1,x2,y")
        }

        var found: [Int?] = [nil, nil, nil]
        var unnamed: [Int] = []
        var extra: [String] = []
        for (index, name) in names.enumerated() {
            guard let column = Column(headerName: name) else {
                if name.isEmpty { unnamed.append(index) } else { extra.append(name) }
                continue
            }
            if let earlier = found[column.rawValue] {
                throw fail("column '\(column.name)' appears twice (columns \(earlier + 1) and \(index + 1)); the header must name x1, x2 and y once each")
            }
            found[column.rawValue] = index
        }

        let missing = Column.allCases.filter { found[$0.rawValue] == nil }.map(\.name)
        if !missing.isEmpty {
            let listed = names.prefix(8).map { $0.isEmpty ? "''" : CellText.shown($0) }.joined(separator: ", ")
            let more = names.count > 8 ? ", …" : ""
            let what = missing.count == 1 ? "column" : "columns"
            throw fail("no \(what) \(CellText.list(missing.map { "'\($0)'" })): \(Self.required); it names \(listed)\(more)")
        }
        if let index = unnamed.first {
            let hint = index == 0 ? " (pandas' index? save with to_csv(index=False))"
                : index == names.count - 1 ? " (a comma at the end of the line?)" : ""
            throw fail("column \(index + 1) has no name\(hint): \(Self.onlyThese)")
        }
        if !extra.isEmpty {
            let what = extra.count == 1 ? "column" : "columns"
            var shown = extra.prefix(8).map(CellText.quoted)
            if extra.count > 8 { shown.append("\(extra.count - 8) more") }
            throw fail("extra \(what) \(CellText.list(shown)): \(Self.onlyThese)")
        }

        let index = found.map { $0 ?? 0 }  // all found: `missing` was empty
        order = Column.allCases.sorted { index[$0.rawValue] < index[$1.rawValue] }
    }

    /// One row as a sample, or its first problem from the left, as the learner reads the row.
    func sample(from record: CSVRecord) throws(DataProblem) -> Sample {
        let count = record.fields.count
        guard count == order.count else {
            let fields = count == 1 ? "1 field" : "\(count) fields"
            let names = order.map(\.name).joined(separator: ", ")
            throw DataProblem(line: record.line, message: "the row has \(fields); the header has \(order.count) (\(names))")
        }
        var values: [Double] = [0, 0, 0]
        for (index, column) in order.enumerated() {
            values[column.rawValue] = try Self.value(record.fields[index], column: column)
        }
        return Sample(x: SIMD2(values[0], values[1]), y: values[2])
    }

    /// The field's number if `column` accepts it; otherwise `<column> is <what>; <rule>`.
    static func value(_ field: CSVField, column: Column) throws(DataProblem) -> Double {
        let text = CellText.trimmed(field.text)
        let what: String
        switch CellValue(text: text) {
        case .number(let v):
            if column != .y { return v }
            if v == 0 || v == 1 { return v == 0 ? 0 : 1 }  // -0.0 and 1e0 become plain 0 and 1
            what = CellText.shown(text)
        case .empty: what = "empty (a missing value, NaN in pandas)"
        case .missing: what = "\(CellText.quoted(text)), a missing value"
        case .infinite: what = "\(CellText.quoted(text)), an infinite value"
        case .tooLarge: what = "\(CellText.shown(text)), too large to be finite"
        case .spreadsheetError: what = "\(CellText.quoted(text)), a spreadsheet error"
        case .text:
            var hint = ""
            if case .number = CellValue(text: text.replacing(",", with: ".")) {
                hint = " (decimals take a point: \(CellText.shown(text.replacing(",", with: "."))))"
            }
            what = "\(CellText.quoted(text)), not a number\(hint)"
        }
        throw DataProblem(line: field.line, message: "\(column.name) is \(what); \(column.rule)")
    }
}
