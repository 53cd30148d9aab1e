import NNCore

/// `--format jsonl`: one JSON object per event, for `jq` and pandas.
///
/// `{"step": S, "epoch": E, "sample": I, "phase": P, "name": N, "value": V}`; `sample` is
/// left out on epoch records.
public final class JSONLPrinter: TraceSubscriber {
    private let sink: OutputSink

    public init(sink: OutputSink) {
        self.sink = sink
    }

    public func receive(_ event: TraceEvent) {
        sink.append { line in
            line.append(contentsOf: #"{"step": "#.utf8)
            JSONNumber.append(event.step, to: &line)
            line.append(contentsOf: #", "epoch": "#.utf8)
            JSONNumber.append(event.epoch, to: &line)
            if let sample = event.sample {
                line.append(contentsOf: #", "sample": "#.utf8)
                JSONNumber.append(sample, to: &line)
            }
            line.append(contentsOf: #", "phase": ""#.utf8)
            line.append(contentsOf: event.phase.rawValue.utf8)
            line.append(contentsOf: #"", "name": ""#.utf8)
            line.append(contentsOf: event.name.rawValue.utf8)
            line.append(contentsOf: #"", "value": "#.utf8)
            JSONNumber.append(event.value, to: &line)
            line.append(contentsOf: "}\n".utf8)
        }
    }
}
