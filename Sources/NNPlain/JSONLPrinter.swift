import NNCore

/// `--format jsonl`: one JSON object per record, for `jq` and pandas.
///
/// `{"step": S, "epoch": E, "sample": I, "phase": P, "name": N, "value": V}`; `sample` is left
/// out on epoch records. The constant bytes of every (phase, name) are built once per schema,
/// and numbers are written straight into the sink's buffer.
public final class JSONLPrinter: TraceSubscriber {
    private let sink: OutputSink
    private var layout: Layout?

    /// The bytes between a record's counters and its value, per entry id.
    private struct Layout {
        let schema: TraceSchema
        let middles: [[UInt8]]
        let longest: Int

        init(schema: TraceSchema) {
            self.schema = schema
            middles = schema.entries.map { entry in
                Array(#", "phase": ""#.utf8) + Array(entry.phase.rawValue.utf8) + Array(#"", "name": ""#.utf8)
                    + Array(entry.name.utf8) + Array(#"", "value": "#.utf8)
            }
            longest = middles.map(\.count).max() ?? 0
        }
    }

    public init(sink: OutputSink) {
        self.sink = sink
    }

    public func receive(_ step: TraceStep) {
        if layout?.schema !== step.schema { layout = Layout(schema: step.schema) }
        guard let layout else { return }
        let schema = step.schema
        for k in 0..<step.eventCount {
            let entry = schema.entries[schema.entryID(publishedAt: k, step.groups)]
            let values = step[entry]
            // Counters, the constant middle, the numbers (each at most ShortestDouble's maximum plus ", " and brackets).
            let room = 3 * 24 + 40 + layout.longest + values.count * (JSONNumber.maxLength + 4) + 8
            sink.write(reserving: room) { out in
                var p = out
                p = JSONNumber.literal(#"{"step": "#, at: p)
                p = JSONNumber.write(step.step, at: p)
                p = JSONNumber.literal(#", "epoch": "#, at: p)
                p = JSONNumber.write(step.epoch, at: p)
                if entry.phase != .epoch {
                    p = JSONNumber.literal(#", "sample": "#, at: p)
                    p = JSONNumber.write(step.sample, at: p)
                }
                p = layout.middles[entry.id].withUnsafeBufferPointer { bytes in
                    p.update(from: bytes.baseAddress!, count: bytes.count)
                    return p + bytes.count
                }
                p = JSONNumber.write(values, shape: entry.shape, at: p)
                p[0] = UInt8(ascii: "}")
                p[1] = UInt8(ascii: "\n")
                return p + 2 - out
            }
        }
    }
}
