/// A value as JSON holds it: what a setting's effective value, or a trace's setup record, is made of.
/// Objects keep their keys in the order given, so a record reads in the order it was built.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case text(String)
    case list([JSONValue])
    case object([Member])

    /// One key of an object and its value.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// Numbers in a trace's shape: a number, a list, or a list of rows.
    public static func numbers<C: Collection>(_ values: C, shape: TraceShape) -> JSONValue where C.Element == Double {
        let all = values.map(JSONValue.number)
        switch shape {
        case .scalar: return all.first ?? .null
        case .vector: return .list(all)
        case .matrix(_, let columns):
            return .list(stride(from: 0, to: all.count, by: max(1, columns)).map { .list(Array(all[$0..<min(all.count, $0 + columns)])) })
        }
    }
}
