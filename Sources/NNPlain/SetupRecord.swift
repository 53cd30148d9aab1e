import NNCore

/// A trace's first record: nn-tutor's version, every setting the run uses (read back through the
/// settings table), the starting parameters and the names the trace holds, so that a trace file
/// says by itself how it was made. JSONL writes it as one `{"phase": "setup", …}` line; CSV as
/// `# key: value` comment lines (values in JSON) before the header.
public struct SetupRecord {
    public let members: [JSONValue.Member]

    /// - Parameters:
    ///   - run: the `--compare` variant ("lr=0.5"), named first; nil for a single run.
    public init(trainer: Trainer, filter: TraceFilter = .everything, run: String? = nil) {
        let setup = trainer.setup, schema = trainer.schema
        var members: [JSONValue.Member] = []
        if let run { members.append(.init("run", .text(run))) }
        members.append(.init("version", .text(Version.number)))
        for setting in Settings.all {
            members.append(.init(setting.key, setting.effective(setup)))
            // What the table cannot say, beside the setting it belongs with: the file behind
            // --data, and the layer sizes the hidden layers make.
            if setting.key == "dataset" { members.append(.init("data_file", setup.data.filePath.map(JSONValue.text) ?? .null)) }
            if setting.key == "hidden" { members.append(.init("architecture", .text(setup.architecture.dashed))) }
        }
        members.append(.init("parameters", Self.parameters(trainer.initialNetwork.parameters, schema: schema)))
        members.append(.init("names", .list(filter.names(in: schema).map(JSONValue.text))))
        let epochs = filter.epochs ?? (setup.epochs > 0 ? 0...(setup.epochs - 1) : nil)
        members.append(.init("from_epoch", epochs.map { .integer($0.lowerBound) } ?? .null))
        members.append(.init("to_epoch", epochs.map { .integer($0.upperBound) } ?? .null))
        self.members = members
    }

    /// The starting parameters by their forward names and in their trace shapes: {"W": [w0, w1], "b": b}.
    static func parameters(_ values: [Double], schema: TraceSchema) -> JSONValue {
        var members: [JSONValue.Member] = []
        var next = 0
        // The forward records of W₁, b₁, … hold the parameters in force in draw order, as the list does.
        for entry in schema.entries where entry.phase == .forward && (entry.quantity == .weights || entry.quantity == .bias) {
            let end = min(values.count, next + entry.count)
            members.append(.init(entry.name, .numbers(values[next..<end], shape: entry.shape)))
            next = end
        }
        return .object(members)
    }

    /// The JSONL line, without its newline.
    public var jsonLine: String {
        JSONText.render(.object([.init("phase", .text("setup"))] + members))
    }

    /// The CSV comment lines, without newlines: `# key: value`, one a line.
    public var csvComments: [String] {
        members.map { "# \($0.key): " + JSONText.render($0.value) }
    }
}
