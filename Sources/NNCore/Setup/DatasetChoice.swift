/// What `--dataset` names: a built-in truth table or a generated set.
public enum DatasetChoice: Sendable, Hashable, CaseIterable, RawRepresentable {
    case builtin(DatasetName)
    case generated(GeneratedDataset)

    public static var allCases: [DatasetChoice] {
        DatasetName.allCases.map(DatasetChoice.builtin) + GeneratedDataset.allCases.map(DatasetChoice.generated)
    }

    public init?(rawValue: String) {
        if let d = DatasetName(rawValue: rawValue) {
            self = .builtin(d)
        } else if let g = GeneratedDataset(rawValue: rawValue) {
            self = .generated(g)
        } else {
            return nil
        }
    }

    public var rawValue: String {
        switch self {
        case .builtin(let d): return d.rawValue
        case .generated(let g): return g.rawValue
        }
    }

    public static var acceptedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
