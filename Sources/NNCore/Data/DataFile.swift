/// A learner's own data set, read from a CSV file with columns x1, x2, y.
///
/// What is accepted (what pandas' `to_csv(index=False)` and spreadsheets write):
/// - A header line naming `x1`, `x2` and `y` once each, in any order, and nothing else. Names
///   are trimmed of spaces and compared ignoring case (`X1` is x1: the notebook writes `X`).
/// - One row per sample, kept in file order. At least 1 and at most `maxRows` rows.
/// - x1 and x2: finite decimals as pandas writes them (`0.5`, `-1.25`, `1e-05`, `3.0`, `-0.0`),
///   also `+2`, `.5`, `5.`. y: any such number equal to 0 or 1 (`0`, `1.0`, `1e0`), stored as
///   exactly 0 or 1. `True`/`False` (any case: pandas and spreadsheets write booleans so) are
///   1 and 0 in every column.
/// - Spaces and tabs around a value; quoted fields with `""` for a quote; LF, CRLF or lone CR
///   line ends; a UTF-8 byte order mark; a final line end or none; blank lines anywhere
///   (skipped, as pandas does).
///
/// Everything else is one `DataFileError` at the physical line (1-based, as an editor counts,
/// a quoted field spanning lines counting each) where the problem starts: the header's line for
/// header problems, the field's line for a bad value, the row's line for a wrong field count,
/// line 1 for a file that cannot be read.
public enum DataFile {
    /// The most samples (rows after the header) a file may have.
    public static let maxRows = 10_000
    /// A guard against reading a huge file by mistake: 10 000 rows of pandas' longest numbers
    /// take under 1 MiB, so a larger file is refused without being read.
    public static let maxBytes = 16 << 20

    /// Reads and parses `path`. Never traps; never blocks on a FIFO (see `FileBytes`).
    public static func load(path: String) -> Result<[Sample], DataFileError> {
        switch FileBytes.read(path: path, limit: maxBytes) {
        case .failure(let problem): return .failure(DataFileError(path: path, line: 1, message: problem.message))
        case .success(let bytes): return parse(bytes, path: path)
        }
    }

    /// Parses bytes already read; `path` is only for messages.
    public static func parse(_ bytes: [UInt8], path: String) -> Result<[Sample], DataFileError> {
        do {
            return .success(try samples(bytes))
        } catch {
            return .failure(DataFileError(path: path, line: error.line, message: error.message))
        }
    }

    static let needed = "it needs a header line naming x1, x2 and y, then one row per sample"

    private static func samples(_ bytes: [UInt8]) throws(DataProblem) -> [Sample] {
        if bytes.isEmpty { throw DataProblem(line: 1, message: "the file is empty: \(needed)") }
        if let bad = TextEncodingCheck.problem(bytes) { throw DataProblem(line: bad.line, message: bad.message) }
        var records = CSVRecords(bytes, from: TextEncodingCheck.textStart(bytes))
        guard let first = try next(&records) else {
            throw DataProblem(line: 1, message: "the file has only blank lines: \(needed)")
        }
        let header = try DataHeader(first)
        var samples: [Sample] = []
        while let record = try next(&records) {
            if samples.count == maxRows {
                throw DataProblem(line: record.line, message: "too many samples: a data file may have at most \(maxRows) rows after the header")
            }
            samples.append(try header.sample(from: record))
        }
        if samples.isEmpty {
            throw DataProblem(line: first.line, message: "no samples: the header is the only line; add one row per sample, with x1, x2 and y")
        }
        return samples
    }

    private static func next(_ records: inout CSVRecords) throws(DataProblem) -> CSVRecord? {
        let inside = "inside quotes, write a quote as \"\""
        switch records.next() {
        case nil: return nil
        case .success(let record): return record
        case .failure(.unclosedQuote(let line)):
            throw DataProblem(line: line, message: "a quoted field starts here and is never closed; end it with \" (\(inside))")
        case .failure(.textAfterQuote(let line, let found)):
            throw DataProblem(line: line, message: "\(CellText.quoted(found)) follows a closing quote; only a comma or a line end may (\(inside))")
        }
    }
}

/// One problem with a data file: `path:line: message`, one line, ready to print.
public struct DataFileError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var message: String
    public var description: String { "\(path):\(line): \(message)" }

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }
}

/// A `DataFileError` before the path is known.
struct DataProblem: Error, Equatable {
    var line: Int
    var message: String
}
