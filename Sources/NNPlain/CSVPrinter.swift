import NNFormat
import NNCore

/// `--format csv`: a header, then one row per sample step with a column per number.
///
/// After `step`, `epoch` and `sample`, `batch_end` and `epoch_end` (1 or 0) say whether the row
/// holds an update and an epoch's records, so "not published here" (an empty cell) is never
/// mistaken for a NaN (`nan`). The other columns follow the schema: vectors are split (`W[0]`,
/// `W[1]`), matrices by row and column (`W1[0][1]`). The parameters after an update are `W_new[…]`,
/// `b_new`; `epoch_loss` (and with a test set the other epoch records) is filled on the row that
/// closes an epoch. Each row is written straight into the output buffer.
public final class CSVPrinter: TraceSubscriber {
    private let sink: OutputSink
    private let schema: TraceSchema

    public init(sink: OutputSink, schema: TraceSchema) {
        self.sink = sink
        self.schema = schema
        sink.writeLine((["step", "epoch", "sample", "batch_end", "epoch_end"] + Self.columns(schema)).joined(separator: ","))
    }

    /// The column names after step, epoch and sample, in schema order.
    public static func columns(_ schema: TraceSchema) -> [String] {
        schema.entries.flatMap { entry -> [String] in
            let base: String
            switch (entry.phase, entry.quantity) {
            case (.update, .weights), (.update, .bias): base = entry.name + "_new"
            case (.epoch, .epochLoss): base = "epoch_loss"
            default: base = entry.name
            }
            switch entry.shape {
            case .scalar: return [base]
            case .vector(let n): return (0..<n).map { "\(base)[\($0)]" }
            case .matrix(let rows, let columns):
                return (0..<(rows * columns)).map { "\(base)[\($0 / columns)][\($0 % columns)]" }
            }
        }
    }

    public func receive(_ step: TraceStep) {
        let schema = step.schema
        let room = 3 * 21 + schema.rowWidth * (ShortestDouble.maxLength + 1) + 2
        sink.write(reserving: room) { start in
            var p = start
            p += ShortestDouble.write(step.step, to: p)
            p[0] = UInt8(ascii: ",")
            p += 1
            p += ShortestDouble.write(step.epoch, to: p)
            p[0] = UInt8(ascii: ",")
            p += 1
            p += ShortestDouble.write(step.sample, to: p)
            p = Self.flag(step.endsBatch, at: p)
            p = Self.flag(step.endsEpoch, at: p)
            for group in [TraceGroup.sample, .update, .epoch] {
                let offset = schema.groupOffsets[group.rawValue], width = schema.groupWidths[group.rawValue]
                let present = group == .sample || (group == .update ? step.endsBatch : step.endsEpoch)
                for i in offset..<(offset + width) {
                    p[0] = UInt8(ascii: ",")
                    p += 1
                    if present { p = Self.cell(step.row[i], at: p) }
                }
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
