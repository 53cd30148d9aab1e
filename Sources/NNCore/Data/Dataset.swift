/// One training example: two binary inputs and a target.
public struct Sample: Sendable, Equatable {
    public var x: SIMD2<Double>
    public var y: Double

    public init(x: SIMD2<Double>, y: Double) {
        self.x = x
        self.y = y
    }
}

/// The datasets `--dataset` accepts.
public enum DatasetName: String, CaseIterable, Sendable {
    case or, and, nand, xor
    /// The notebook's own single sample: X drawn by `randint(0, 2, size=2)`, y = X0 OR X1.
    case notebook

    /// The accepted names, for error messages and help.
    public static var acceptedList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// "OR", "AND", "NAND", "XOR", "the notebook's sample".
    public var displayName: String {
        self == .notebook ? "the notebook's sample" : rawValue.uppercased()
    }
}

/// A named list of samples, walked in order each epoch.
public struct Dataset: Sendable, Equatable {
    public var name: DatasetName
    public var samples: [Sample]

    public var count: Int { samples.count }

    /// The four points of the truth table, in the order (0,0), (0,1), (1,0), (1,1).
    public static let truthTableInputs: [SIMD2<Double>] = [
        SIMD2(0, 0), SIMD2(0, 1), SIMD2(1, 0), SIMD2(1, 1),
    ]

    /// Builds a dataset. `notebookX` is the seeded `randint(0, 2, size=2)` draw, used only by `.notebook`.
    public init(_ name: DatasetName, notebookX: SIMD2<Double>) {
        self.name = name
        func table(_ rule: (Bool, Bool) -> Bool) -> [Sample] {
            Dataset.truthTableInputs.map { x in
                Sample(x: x, y: rule(x.x != 0, x.y != 0) ? 1 : 0)
            }
        }
        switch name {
        case .or: samples = table { $0 || $1 }
        case .and: samples = table { $0 && $1 }
        case .nand: samples = table { !($0 && $1) }
        case .xor: samples = table { $0 != $1 }
        case .notebook:
            // np.logical_or(X[0], X[1]).astype(int)
            samples = [Sample(x: notebookX, y: (notebookX.x != 0 || notebookX.y != 0) ? 1 : 0)]
        }
    }
}
