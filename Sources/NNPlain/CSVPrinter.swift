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

    public init(sink: OutputSink, setup: TrainingSetup) {
        self.sink = sink
        let checkGradients = setup.checkGradients
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
        /// A matrix of rows × 2, as W1[i][j].
        func addRows(_ phase: TracePhase, _ name: TraceName, rows: Int, header: String? = nil) {
            let base = header ?? name.rawValue
            for i in 0..<(2 * rows) {
                columns.append(Column(header: "\(base)[\(i / 2)][\(i % 2)]", key: TraceKey(phase, name), component: i))
            }
        }
        if let n = setup.hiddenUnits {
            add(.forward, .x, components: 2)
            add(.forward, .y, components: nil)
            addRows(.forward, .W1, rows: n)
            add(.forward, .b1, components: n)
            add(.forward, .W2, components: n)
            add(.forward, .b2, components: nil)
            add(.forward, .z1, components: n)
            add(.forward, .a1, components: n)
            add(.forward, .z2, components: nil)
            add(.forward, .yHat, components: nil)
            add(.forward, .loss, components: nil)
            add(.backward, .dLossDYHat, components: nil)
            add(.backward, .delta2, components: nil)
            add(.backward, .dLossDW2, components: n)
            add(.backward, .dLossDB2, components: nil)
            add(.backward, .delta1, components: n)
            addRows(.backward, .dLossDW1, rows: n)
            add(.backward, .dLossDB1, components: n)
            if checkGradients {
                addRows(.backward, .dLossDW1Numeric, rows: n)
                addRows(.backward, .dLossDW1RelativeError, rows: n)
                add(.backward, .dLossDB1Numeric, components: n)
                add(.backward, .dLossDB1RelativeError, components: n)
                add(.backward, .dLossDW2Numeric, components: n)
                add(.backward, .dLossDW2RelativeError, components: n)
                add(.backward, .dLossDB2Numeric, components: nil)
                add(.backward, .dLossDB2RelativeError, components: nil)
            }
            addRows(.update, .W1, rows: n, header: "W1_new")
            add(.update, .b1, components: n, header: "b1_new")
            add(.update, .W2, components: n, header: "W2_new")
            add(.update, .b2, components: nil, header: "b2_new")
            add(.epoch, .loss, components: nil, header: "epoch_loss")
            self.columns = columns
            row = Array(repeating: "", count: columns.count)
            sink.writeLine((["step", "epoch", "sample"] + columns.map(\.header)).joined(separator: ","))
            return
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
