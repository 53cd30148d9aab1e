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

/// The samples of a run in training order, split into the part trained on and the held-out
/// test set: `--test-percent P` holds out the last N·P // 100 samples.
public struct Dataset: Sendable, Equatable {
    public var samples: [Sample]
    /// The first `trainingCount` samples are trained on; the rest are the test set.
    public var trainingCount: Int

    public init(samples: [Sample], testPercent: Int = 0) {
        self.samples = samples
        trainingCount = samples.count - samples.count * max(0, testPercent) / 100
    }

    public var count: Int { samples.count }
    public var training: ArraySlice<Sample> { samples[..<trainingCount] }
    public var test: ArraySlice<Sample> { samples[trainingCount...] }
    public var testCount: Int { samples.count - trainingCount }

    /// The four points of the truth table, in the order (0,0), (0,1), (1,0), (1,1).
    public static let truthTableInputs: [SIMD2<Double>] = [
        SIMD2(0, 0), SIMD2(0, 1), SIMD2(1, 0), SIMD2(1, 1),
    ]

    /// A built-in set's samples. `notebookX` is the seeded `randint(0, 2, size=2)` draw, used only by `.notebook`.
    public static func samples(_ name: DatasetName, notebookX: SIMD2<Double>) -> [Sample] {
        func table(_ rule: (Bool, Bool) -> Bool) -> [Sample] {
            truthTableInputs.map { x in Sample(x: x, y: rule(x.x != 0, x.y != 0) ? 1 : 0) }
        }
        switch name {
        case .or: return table { $0 || $1 }
        case .and: return table { $0 && $1 }
        case .nand: return table { !($0 && $1) }
        case .xor: return table { $0 != $1 }
        case .notebook:
            // np.logical_or(X[0], X[1]).astype(int)
            return [Sample(x: notebookX, y: (notebookX.x != 0 || notebookX.y != 0) ? 1 : 0)]
        }
    }
}
