import NNCore

/// What a plain trace keeps of a run: `--names` (by trace name) and `--from-epoch`/`--to-epoch`
/// (both ends included). The run itself is never changed; only what is printed.
public struct TraceFilter: Sendable, Equatable {
    /// The names kept, such as `W` and `dL_dW` (each in every phase it appears in), or nil for all.
    public var names: Set<String>?
    /// The epochs kept, or nil for all.
    public var epochs: ClosedRange<Int>?

    public init(names: Set<String>? = nil, epochs: ClosedRange<Int>? = nil) {
        self.names = names
        self.epochs = epochs
    }

    /// Everything: the trace as it is.
    public static let everything = TraceFilter()

    @inline(__always)
    public func keeps(_ entry: TraceEntry) -> Bool { names?.contains(entry.name) ?? true }

    @inline(__always)
    public func keeps(epoch: Int) -> Bool { epochs?.contains(epoch) ?? true }

    /// An equation line is kept when it shows a kept name.
    public func keeps(_ line: EquationLine, in schema: TraceSchema) -> Bool {
        guard let names else { return true }
        return line.keys.contains { names.contains(schema.entries[$0].name) }
    }

    /// The schema's names that are kept, in order of first publication.
    public func names(in schema: TraceSchema) -> [String] {
        schema.names.filter { names?.contains($0) ?? true }
    }

    /// The epoch after which nothing more is printed, when there is one: a run can stop there.
    public var lastEpoch: Int? { epochs?.upperBound }
}
