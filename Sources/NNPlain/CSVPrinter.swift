import NNCore

/// `--format csv`: a header, then one row per sample step with a column per value.
///
/// Vectors are split (`W[0]`, `W[1]`). The weights after the update are `W_new[…]`, `b_new`;
/// `epoch_loss` is filled on the row that closes an epoch and empty elsewhere.
public final class CSVPrinter: TraceSubscriber {
    private let sink: OutputSink
    private let columns: [Column]
    private var row: [String]
    private var rowStep: Int?
    private var rowEpoch = 0
    private var rowSample = 0

    private struct Column {
        var header: String
        var key: TraceKey
        var component: Int?
    }

    public init(sink: OutputSink, checkGradients: Bool) {
        self.sink = sink
        var columns: [Column] = []
        func add(_ phase: TracePhase, _ name: TraceName, components: Int?, header: String? = nil) {
            let base = header ?? name.rawValue
            if let components {
                for i in 0..<components {
                    columns.append(Column(header: "\(base)[\(i)]", key: TraceKey(phase, name), component: i))
                }
            } else {
                columns.append(Column(header: base, key: TraceKey(phase, name), component: nil))
            }
        }
        add(.forward, .x, components: 2)
        add(.forward, .y, components: nil)
        add(.forward, .W, components: 2)
        add(.forward, .b, components: nil)
        add(.forward, .z, components: nil)
        add(.forward, .yHat, components: nil)
        add(.forward, .loss, components: nil)
        add(.backward, .dLossDYHat, components: nil)
        add(.backward, .dYHatDZ, components: nil)
        add(.backward, .dZDW, components: 2)
        add(.backward, .dLossDW, components: 2)
        add(.backward, .dLossDB, components: nil)
        if checkGradients {
            add(.backward, .dLossDWNumeric, components: 2)
            add(.backward, .dLossDWRelativeError, components: 2)
            add(.backward, .dLossDBNumeric, components: nil)
            add(.backward, .dLossDBRelativeError, components: nil)
        }
        add(.update, .W, components: 2, header: "W_new")
        add(.update, .b, components: nil, header: "b_new")
        add(.epoch, .loss, components: nil, header: "epoch_loss")
        self.columns = columns
        row = Array(repeating: "", count: columns.count)
        sink.writeLine((["step", "epoch", "sample"] + columns.map(\.header)).joined(separator: ","))
    }

    public func receive(_ event: TraceEvent) {
        if rowStep != event.step {
            finishRow()
            rowStep = event.step
            rowEpoch = event.epoch
            rowSample = event.sample ?? rowSample
        }
        let key = TraceKey(event.phase, event.name)
        let components = event.value.components
        for (i, column) in columns.enumerated() where column.key == key {
            let index = column.component ?? 0
            row[i] = index < components.count ? Self.cell(components[index]) : ""
        }
    }

    /// Writes the row in progress; call once more after training ends.
    public func finishRow() {
        guard let step = rowStep else { return }
        sink.writeLine((["\(step)", "\(rowEpoch)", "\(rowSample)"] + row).joined(separator: ","))
        row = Array(repeating: "", count: columns.count)
        rowStep = nil
    }

    /// Full precision, and the spellings pandas reads as floats: "nan", "inf", "-inf".
    static func cell(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        return v.description
    }
}
