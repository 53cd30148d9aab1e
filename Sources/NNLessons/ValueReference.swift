import NNCore

/// A live value named in a lesson: `{{update.W[1]}}`, `{{a1[0]}}`, `{{forward.W1[1][0]}}`,
/// `{{epoch.test_loss}}`. It is read syntactically first; `resolve(in:)` then checks it against a
/// setup's trace schema, which is the only list of names there is.
public enum ValueReference: Sendable, Equatable {
    /// A traced value: an optional phase, a name, and up to two indexes.
    case trace(phase: TracePhase?, name: String, indexes: [Int])
    /// `{{epoch.loss}}`, `{{epoch.test_loss}}`, …: a record of the latest completed epoch.
    case epoch(String)
    /// `{{epoch}}`, `{{sample}}`, `{{step}}`: where the snapshot is, counted from 0.
    case counter(Counter)

    public enum Counter: String, Sendable, Equatable { case epoch, sample, step }

    /// Reads the text between `{{` and `}}` (the syntax only; names are checked by `resolve`).
    public static func parse(_ raw: String) -> Result<ValueReference, ReferenceError> {
        let text = SettingValues.trimmed(raw)
        if let counter = Counter(rawValue: text) { return .success(.counter(counter)) }
        if text.hasPrefix("epoch.") { return .success(.epoch(String(text.dropFirst("epoch.".count)))) }
        // Up to two trailing indexes, `[i]` or `[i][j]`, read from the end.
        var body = Substring(text)
        var indexes: [Int] = []
        while body.hasSuffix("]") {
            guard let open = body.lastIndex(of: "[") else { return .failure(.init("cannot read '\(text)': a '[' is missing")) }
            let digits = body[body.index(after: open)..<body.index(before: body.endIndex)]
            guard indexes.count < 2, !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let i = Int(digits) else {
                return .failure(.init("bad index in '\(text)': indexes are whole numbers from 0, at most two: [i] or [i][j]"))
            }
            indexes.insert(i, at: 0)
            body = body[..<open]
        }
        var phase: TracePhase?
        if let dot = body.firstIndex(of: ".") {
            let phaseText = String(body[..<dot])
            guard let p = TracePhase(rawValue: phaseText), p != .epoch else {
                return .failure(.init("unknown phase '\(phaseText)' in '\(text)': use forward, backward or update (or epoch.loss for an epoch's record)"))
            }
            phase = p
            body = body[body.index(after: dot)...]
        }
        let name = String(body)
        guard let first = name.first, first.isLetter, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            return .failure(.init("cannot read '\(text)': write a value's name, such as y_hat, forward.W[1] or a1[0]"))
        }
        return .success(.trace(phase: phase, name: name, indexes: indexes))
    }

    /// The reference checked against a schema: the entry it reads and which of its numbers.
    public func resolve(in schema: TraceSchema) -> Result<ResolvedReference, ReferenceError> {
        switch self {
        case .counter(let c): return .success(ResolvedReference(kind: .counter(c)))
        case .epoch(let name):
            let entries = schema.entries(named: name).filter { $0.phase == .epoch }
            guard let entry = entries.first else {
                let names = schema.entries[schema.epochEntries].map { "epoch." + $0.name }
                var help = "an epoch's records here are " + names.joined(separator: ", ")
                if !schema.hasTestSet && ["train_loss", "test_loss", "train_accuracy", "test_accuracy"].contains(name) {
                    help += " (epoch.\(name) needs a test set: add test_percent: P)"
                }
                return .failure(.init("unknown epoch record 'epoch.\(name)': \(help)"))
            }
            return .success(ResolvedReference(kind: .value(entry, 0..<1, row: false)))
        case .trace(let phase, let name, let indexes):
            let candidates = schema.entries(named: name).filter { $0.phase != .epoch }
            guard !candidates.isEmpty else { return .failure(.init(Self.unknownName(name, schema: schema))) }
            let entry: TraceEntry
            if let phase {
                guard let match = candidates.first(where: { $0.phase == phase }) else {
                    let phases = candidates.map(\.phase.rawValue).joined(separator: " and ")
                    return .failure(.init("\(name) is not computed in the \(phase.rawValue) phase; it is computed in \(phases)"))
                }
                entry = match
            } else {
                guard candidates.count == 1 else {
                    return .failure(.init("\(name) has a value before and after the update: write forward.\(name) or update.\(name)"))
                }
                entry = candidates[0]
            }
            return Self.select(entry, indexes: indexes)
        }
    }

    /// Which numbers of an entry the indexes pick.
    static func select(_ entry: TraceEntry, indexes: [Int]) -> Result<ResolvedReference, ReferenceError> {
        let name = entry.name
        switch (entry.shape, indexes.count) {
        case (_, 0):
            return .success(ResolvedReference(kind: .value(entry, 0..<entry.count, row: false)))
        case (.scalar, _):
            return .failure(.init("\(name) is a single number; drop the index [\(indexes[0])]"))
        case (.vector(let n), 1) where indexes[0] < n:
            return .success(ResolvedReference(kind: .value(entry, indexes[0]..<(indexes[0] + 1), row: false)))
        case (.matrix(let rows, let columns), 1) where indexes[0] < rows:
            let start = indexes[0] * columns
            return .success(ResolvedReference(kind: .value(entry, start..<(start + columns), row: true)))
        case (.matrix(let rows, let columns), 2) where indexes[0] < rows && indexes[1] < columns:
            let at = indexes[0] * columns + indexes[1]
            return .success(ResolvedReference(kind: .value(entry, at..<(at + 1), row: false)))
        default:
            return .failure(.init("bad index on \(name): \(indexHelp(entry))"))
        }
    }

    /// What indexes an entry takes, for messages.
    static func indexHelp(_ entry: TraceEntry) -> String {
        let n = entry.name
        switch entry.shape {
        case .scalar: return "\(n) is a single number and takes no index"
        case .vector(let count): return "\(n) has \(count) numbers: use an index from [0] to [\(count - 1)]"
        case .matrix(let rows, let columns):
            return "\(n) has \(rows) row\(rows == 1 ? "" : "s") (one per unit) of \(columns): use \(n)[i] for row i or \(n)[i][j] for one number, i from 0 to \(rows - 1), j from 0 to \(columns - 1)"
        }
    }

    /// "W3 is not in a 2-4-1 network; its parameters are W1, b1, W2, b2", or the list of values.
    static func unknownName(_ name: String, schema: TraceSchema) -> String {
        let network = schema.architecture.isSingleNeuron ? "the single neuron" : schema.architecture.words
        let parameters = (1...schema.layers).flatMap { l in
            [schema.entry(.weights, layer: l, phase: .forward), schema.entry(.bias, layer: l, phase: .forward)].compactMap { $0?.name }
        }
        if let first = name.first, first == "W" || first == "b", name.count <= 3, !parameters.contains(name) {
            return "\(name) is not in \(network); its parameters are \(parameters.joined(separator: ", "))"
        }
        if name.hasSuffix("_numeric") || name.hasSuffix("_rel_error") {
            return "\(name) is computed only with 'check_gradients: true'"
        }
        if name.hasPrefix("mean_") {
            return "\(name) is published only when updates average a batch: add 'batch: K' or 'batch: full'"
        }
        let names = schema.names.filter { name in schema.entries(named: name).contains { $0.phase != .epoch } }
        return "unknown value '\(name)' in \(network): its values are \(names.joined(separator: ", ")) (or epoch, sample, step, epoch.loss)"
    }

    /// The syntactic name, for messages.
    public var text: String {
        switch self {
        case .counter(let c): return c.rawValue
        case .epoch(let name): return "epoch." + name
        case .trace(let phase, let name, let indexes):
            return (phase.map { $0.rawValue + "." } ?? "") + name + indexes.map { "[\($0)]" }.joined()
        }
    }

    /// The numbers this reference shows at a snapshot, or nil when it cannot be resolved there or
    /// is not computed yet.
    public func values(in snapshot: TraceSnapshot) -> [Double]? {
        guard case .success(let resolved) = resolve(in: snapshot.schema) else { return nil }
        return resolved.values(in: snapshot)
    }

    /// The single number this reference names at a snapshot (nil if absent or several).
    public func scalar(in snapshot: TraceSnapshot) -> Double? {
        guard case .success(let resolved) = resolve(in: snapshot.schema), resolved.isScalar else { return nil }
        return resolved.values(in: snapshot)?.first
    }

    /// The value as the live panels show it.
    public func formatted(in snapshot: TraceSnapshot) -> String? {
        guard case .success(let resolved) = resolve(in: snapshot.schema) else { return nil }
        return resolved.formatted(in: snapshot)
    }
}

/// A reference checked against a schema.
public struct ResolvedReference: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Numbers `range` of an entry; `row` when they are one row of a matrix.
        case value(TraceEntry, Range<Int>, row: Bool)
        case counter(ValueReference.Counter)
    }

    public let kind: Kind

    /// The entry read, if any.
    public var entry: TraceEntry? {
        if case .value(let entry, _, _) = kind { return entry }
        return nil
    }

    /// True when the reference names one number.
    public var isScalar: Bool {
        switch kind {
        case .value(_, let range, _): return range.count == 1
        case .counter: return true
        }
    }

    public func values(in snapshot: TraceSnapshot) -> [Double]? {
        switch kind {
        case .counter(.epoch): return [Double(snapshot.event.epoch)]
        case .counter(.step): return [Double(snapshot.event.step)]
        case .counter(.sample): return snapshot.event.sample.map { [Double($0)] }
        case .value(let entry, let range, _):
            if entry.phase == .epoch {
                // On the step that closes an epoch, a record shows once it is revealed; elsewhere it
                // is the latest completed epoch's.
                let values = snapshot.values
                if values.groups.endsEpoch, let loss = snapshot.schema.entry(.epochLoss), values.has(loss) {
                    return values[entry].map { Array($0[($0.startIndex + range.lowerBound)..<($0.startIndex + range.upperBound)]) }
                }
                let offset = entry.offset - snapshot.schema.groupOffsets[TraceGroup.epoch.rawValue]
                guard offset + range.upperBound <= snapshot.epochRecords.count else { return nil }
                return Array(snapshot.epochRecords[(offset + range.lowerBound)..<(offset + range.upperBound)])
            }
            guard let numbers = snapshot.values[entry] else { return nil }
            let base = numbers.startIndex
            return Array(numbers[(base + range.lowerBound)..<(base + range.upperBound)])
        }
    }

    /// As the live panels show it: a number, a vector "(a, b)", a matrix "[(a, b), (c, d)]".
    public func formatted(in snapshot: TraceSnapshot) -> String? {
        guard let numbers = values(in: snapshot) else { return nil }
        switch kind {
        case .counter: return numbers.first.map { String(Int($0)) }
        case .value(let entry, let range, let row):
            // An accuracy is a fraction of the samples; a reader takes "1 of the points" for one point.
            if range.count == 1 {
                let isAccuracy = entry.quantity == .trainAccuracy || entry.quantity == .testAccuracy
                return isAccuracy ? NumberFormat.percent(numbers[0]) : NumberFormat.short(numbers[0])
            }
            if row { return NumberFormat.vector(numbers) }
            return NumberFormat.value(numbers, shape: entry.shape, limit: .max)
        }
    }
}

/// Why a `{{…}}` reference could not be read.
public struct ReferenceError: Error, Sendable, Equatable {
    public var message: String
    init(_ message: String) { self.message = message }
}

/// How numbers appear in lesson text: exactly as in the live panels (`NumberFormat.short`).
public enum LessonFormat {
    public static func number(_ v: Double) -> String { NumberFormat.short(v) }
}
