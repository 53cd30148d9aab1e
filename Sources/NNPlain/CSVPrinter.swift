import NNFormat
import NNCore

/// `--format csv`: a header, then one row per sample step with a column per number.
///
/// After `step`, `epoch` and `sample`, `batch_end` and `epoch_end` (1 or 0) say whether the row
/// holds an update and an epoch's records, so "not published here" (an empty cell) is never
/// mistaken for a NaN (`nan`). The other columns follow the schema: vectors are split (`W[0]`,
/// `W[1]`), matrices by row and column (`W1[0][1]`). The parameters after an update are `W_new[…]`,
/// `b_new`; `epoch_loss` (and with a test set the other epoch records) is filled on the row that
/// closes an epoch. With `--compare`, a `run` column comes first and the header holds the columns
/// of both runs (the first run's, then any the second adds); a run leaves the other's empty.
/// Each row is written straight into the output buffer.
public final class CSVPrinter: TraceSubscriber {
    private let sink: OutputSink
    private let filter: TraceFilter
    /// `lr=0.5,` for a run of `--compare`, as the row's first cell.
    private let runCell: [UInt8]
    /// For each column after the counters, where its number is in the row and which group
    /// publishes it; offset -1 for a column this run does not have.
    private let offsets: [Int]
    private let groups: [Int]

    /// The counters every row starts with.
    public static let counters = ["step", "epoch", "sample", "batch_end", "epoch_end"]

    /// - Parameters:
    ///   - columns: the header's columns after the counters, when they are not this schema's own
    ///     (`--compare` writes one header for two runs); nil writes this schema's header.
    ///   - run: the `--compare` variant the `run` column names, or nil for no such column.
    public init(sink: OutputSink, schema: TraceSchema, filter: TraceFilter = .everything, run: String? = nil, columns: [String]? = nil) {
        self.sink = sink
        self.filter = filter
        runCell = run.map { Array((Self.quoted($0) + ",").utf8) } ?? []
        let own = Self.cells(schema, filter: filter)
        let header = columns ?? own.map(\.name)
        var byName: [String: (offset: Int, group: Int)] = [:]
        for cell in own { byName[cell.name] = (cell.offset, cell.group.rawValue) }
        offsets = header.map { byName[$0]?.offset ?? -1 }
        groups = header.map { byName[$0]?.group ?? 0 }
        if columns == nil {
            sink.writeLine(((run != nil ? ["run"] : []) + Self.counters + header).joined(separator: ","))
        }
    }

    /// The column names after the counters, in schema order.
    public static func columns(_ schema: TraceSchema, filter: TraceFilter = .everything) -> [String] {
        cells(schema, filter: filter).map(\.name)
    }

    /// The header of two runs written together: the first run's columns, then any the second adds.
    public static func columns(_ schemas: [TraceSchema], filter: TraceFilter = .everything) -> [String] {
        var seen = Set<String>(), all: [String] = []
        for schema in schemas {
            for name in columns(schema, filter: filter) where seen.insert(name).inserted { all.append(name) }
        }
        return all
    }

    /// Each kept number of a row: its column name, where it is in the row, and its group.
    static func cells(_ schema: TraceSchema, filter: TraceFilter) -> [(name: String, offset: Int, group: TraceGroup)] {
        schema.entries.filter(filter.keeps).flatMap { entry in
            let base: String
            switch (entry.phase, entry.quantity) {
            case (.update, .weights), (.update, .bias): base = entry.name + "_new"
            case (.epoch, .epochLoss): base = "epoch_loss"
            default: base = entry.name
            }
            return (0..<entry.count).map { (base + entry.shape.suffix(ofComponent: $0), entry.offset + $0, entry.group) }
        }
    }

    /// A CSV cell: as it is, or quoted when it holds a comma, a quote or a line break.
    static func quoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    public func receive(_ step: TraceStep) {
        guard filter.keeps(epoch: step.epoch) else { return }
        let room = runCell.count + 3 * 21 + offsets.count * (ShortestDouble.maxLength + 1) + 12
        let present = (sample: true, update: step.endsBatch, epoch: step.endsEpoch)
        sink.write(reserving: room) { start in
            var p = JSONNumber.bytes(runCell, at: start)
            p += ShortestDouble.write(step.step, to: p)
            p[0] = UInt8(ascii: ",")
            p += 1
            p += ShortestDouble.write(step.epoch, to: p)
            p[0] = UInt8(ascii: ",")
            p += 1
            p += ShortestDouble.write(step.sample, to: p)
            p = Self.flag(step.endsBatch, at: p)
            p = Self.flag(step.endsEpoch, at: p)
            for i in 0..<offsets.count {
                p[0] = UInt8(ascii: ",")
                p += 1
                let offset = offsets[i]
                guard offset >= 0 else { continue }
                let published: Bool
                switch groups[i] {
                case TraceGroup.sample.rawValue: published = present.sample
                case TraceGroup.update.rawValue: published = present.update
                default: published = present.epoch
                }
                if published { p = Self.cell(step.row[offset], at: p) }
            }
            p[0] = UInt8(ascii: "\n")
            return p + 1 - start
        }
    }

    /// ",1" or ",0".
    @inline(__always)
    static func flag(_ on: Bool, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        p[0] = UInt8(ascii: ",")
        p[1] = on ? UInt8(ascii: "1") : UInt8(ascii: "0")
        return p + 2
    }

    /// Full precision, and the spellings pandas reads as floats: "nan", "inf", "-inf".
    @inline(__always)
    static func cell(_ v: Double, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if v.isFinite { return p + ShortestDouble.write(v, to: p) }
        let text: StaticString = v.isNaN ? "nan" : (v < 0 ? "-inf" : "inf")
        p.update(from: text.utf8Start, count: text.utf8CodeUnitCount)
        return p + text.utf8CodeUnitCount
    }
}
