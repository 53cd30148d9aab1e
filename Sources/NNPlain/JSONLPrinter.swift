import NNCore

/// `--format jsonl`: one JSON object per record, for `jq` and pandas.
///
/// `{"step": S, "epoch": E, "sample": I, "phase": P, "name": N, "value": V}`; `sample` is left
/// out on epoch records. JSON has no NaN or infinities: a value with any is written with `null`
/// in their places and a sibling `"nonfinite"` of the same shape naming each ("NaN", "Infinity",
/// "-Infinity"; null where the number is finite). With `--compare`, `"run"` comes first. The
/// constant bytes of every (phase, name) are built once per schema, and numbers are written
/// straight into the sink's buffer.
public final class JSONLPrinter: TraceSubscriber {
    private let sink: OutputSink
    private let filter: TraceFilter
    /// `{"step": ` or `{"run": "lr=0.5", "step": `.
    private let opening: [UInt8]
    private var layout: Layout?

    /// The bytes between a record's counters and its value, and whether it is printed, per entry id.
    private struct Layout {
        let schema: TraceSchema
        let middles: [[UInt8]]
        let kept: [Bool]
        let longest: Int

        init(schema: TraceSchema, filter: TraceFilter) {
            self.schema = schema
            middles = schema.entries.map { entry in
                Array(#", "phase": ""#.utf8) + Array(entry.phase.rawValue.utf8) + Array(#"", "name": ""#.utf8)
                    + Array(entry.name.utf8) + Array(#"", "value": "#.utf8)
            }
            kept = schema.entries.map(filter.keeps)
            longest = middles.map(\.count).max() ?? 0
        }
    }

    /// - Parameters:
    ///   - run: the `--compare` variant each record names, or nil.
    public init(sink: OutputSink, filter: TraceFilter = .everything, run: String? = nil) {
        self.sink = sink
        self.filter = filter
        opening = Array(("{" + (run.map { #""run": "# + JSONText.string($0) + ", " } ?? "") + #""step": "#).utf8)
    }

    public func receive(_ step: TraceStep) {
        guard filter.keeps(epoch: step.epoch) else { return }
        if layout?.schema !== step.schema { layout = Layout(schema: step.schema, filter: filter) }
        guard let layout else { return }
        let schema = step.schema
        for k in 0..<step.eventCount {
            let entry = schema.entries[schema.entryID(publishedAt: k, step.groups)]
            guard layout.kept[entry.id] else { continue }
            let values = step[entry]
            // Counters, the constant middle, the numbers (each at most ShortestDouble's maximum plus ", "
            // and brackets), and room for the non-finite sibling.
            let room = opening.count + 3 * 24 + 40 + layout.longest + 2 * values.count * (JSONNumber.maxLength + 4) + 24
            sink.write(reserving: room) { out in
                var p = JSONNumber.bytes(opening, at: out)
                p = JSONNumber.write(step.step, at: p)
                p = JSONNumber.literal(#", "epoch": "#, at: p)
                p = JSONNumber.write(step.epoch, at: p)
                if entry.phase != .epoch {
                    p = JSONNumber.literal(#", "sample": "#, at: p)
                    p = JSONNumber.write(step.sample, at: p)
                }
                p = JSONNumber.bytes(layout.middles[entry.id], at: p)
                p = JSONNumber.write(values, shape: entry.shape, at: p)
                if !JSONNumber.allFinite(values) {
                    p = JSONNumber.literal(#", "nonfinite": "#, at: p)
                    p = JSONNumber.write(values, shape: entry.shape, kinds: true, at: p)
                }
                p[0] = UInt8(ascii: "}")
                p[1] = UInt8(ascii: "\n")
                return p + 2 - out
            }
        }
    }
}
