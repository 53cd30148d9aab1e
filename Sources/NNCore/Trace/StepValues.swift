/// The values one sample step has published up to a point, looked up by schema entry.
///
/// It holds a full row and how many of the step's records are out, so that a view of "the moment
/// just after z was computed" shows z and everything before it, and nothing after.
public struct StepValues: Sendable, Equatable {
    public let schema: TraceSchema
    public private(set) var row: [Double]
    public private(set) var groups: StepGroups
    /// The step's records published so far, in publication order.
    public private(set) var known: Int

    public init(schema: TraceSchema, row: [Double]? = nil, groups: StepGroups = StepGroups(endsBatch: false, endsEpoch: false), known: Int = 0) {
        self.schema = schema
        self.row = row ?? [Double](repeating: .nan, count: schema.rowWidth)
        self.groups = groups
        self.known = known
    }

    /// The values of a published step up to and including its `through`th record (all by default).
    public init(_ step: TraceStep, through: Int? = nil) {
        schema = step.schema
        row = Array(UnsafeBufferPointer(start: step.row, count: step.schema.rowWidth))
        groups = step.groups
        known = through.map { $0 + 1 } ?? step.eventCount
    }

    public static func == (a: StepValues, b: StepValues) -> Bool {
        a.schema === b.schema && a.groups == b.groups && a.known == b.known
            && a.row.elementsEqual(b.row) { $0.bitPattern == $1.bitPattern }
    }

    /// Reveals one more record (printers that write a line as each value is published).
    public mutating func reveal(through index: Int) {
        known = max(known, index + 1)
    }

    /// Whether an entry has been published by now.
    public func has(_ entry: TraceEntry) -> Bool {
        schema.publicationIndex(of: entry.id, groups).map { $0 < known } ?? false
    }

    /// An entry's numbers, nil while not published.
    public subscript(_ entry: TraceEntry?) -> ArraySlice<Double>? {
        guard let entry, has(entry) else { return nil }
        return row[entry.offset..<(entry.offset + entry.count)]
    }

    /// A sample record's numbers whether or not it is published yet: for the step's givens (x, y and
    /// the parameters in force), which are known before the step publishes them.
    public func given(_ quantity: TraceQuantity, layer: Int = 0) -> ArraySlice<Double>? {
        guard let entry = schema.entry(quantity, layer: layer, phase: .forward), entry.group == .sample else { return nil }
        let numbers = row[entry.offset..<(entry.offset + entry.count)]
        return numbers.contains(where: \.isNaN) && !has(entry) ? nil : numbers
    }

    /// A quantity's numbers by what it is, nil while not published (or not in this network).
    public func values(_ quantity: TraceQuantity, layer: Int = 0, phase: TracePhase? = nil) -> ArraySlice<Double>? {
        self[schema.entry(quantity, layer: layer, phase: phase)]
    }

    /// A scalar quantity (or the first number of a vector), nil while not published.
    public func scalar(_ quantity: TraceQuantity, layer: Int = 0, phase: TracePhase? = nil) -> Double? {
        values(quantity, layer: layer, phase: phase)?.first
    }

    /// The inputs x, nil while not published.
    public var x: SIMD2<Double>? {
        values(.input).map { SIMD2($0[$0.startIndex], $0[$0.startIndex + 1]) }
    }

    public var isEmpty: Bool { known == 0 }
}
