/// Where in a sample step a value is computed.
public enum TracePhase: String, CaseIterable, Sendable {
    case forward, backward, update
    /// The end-of-epoch summary record.
    case epoch
}

/// The name of a traced value, spelled as it appears in JSONL and CSV.
public enum TraceName: String, CaseIterable, Sendable {
    case x, y, W, b, z
    case yHat = "y_hat"
    case loss
    case dLossDYHat = "dL_dyhat"
    case dYHatDZ = "dyhat_dz"
    case dZDW = "dz_dW"
    case dLossDW = "dL_dW"
    case dLossDB = "dL_db"
    case dLossDWNumeric = "dL_dW_numeric"
    case dLossDBNumeric = "dL_db_numeric"
    case dLossDWRelativeError = "dL_dW_rel_error"
    case dLossDBRelativeError = "dL_db_rel_error"
    // The 2-N-1 network (`--hidden N`): layer-qualified names.
    case W1, b1, W2, b2, z1, a1, z2
    case delta2, delta1
    case dLossDW2 = "dL_dW2"
    case dLossDB2 = "dL_db2"
    case dLossDW1 = "dL_dW1"
    case dLossDB1 = "dL_db1"
    case dLossDW1Numeric = "dL_dW1_numeric"
    case dLossDW1RelativeError = "dL_dW1_rel_error"
    case dLossDB1Numeric = "dL_db1_numeric"
    case dLossDB1RelativeError = "dL_db1_rel_error"
    case dLossDW2Numeric = "dL_dW2_numeric"
    case dLossDW2RelativeError = "dL_dW2_rel_error"
    case dLossDB2Numeric = "dL_db2_numeric"
    case dLossDB2RelativeError = "dL_db2_rel_error"
}

/// A traced value: a number or a vector of numbers.
///
/// Up to two components live inline, so publishing x, W or ∂L/∂W allocates nothing; longer
/// vectors keep the rest in an array.
public struct TraceValue: Sendable, Equatable {
    /// Inline numbers carry no reference, so copying an event costs no retain or release.
    private enum Storage: Sendable, Equatable {
        case scalar(Double)
        case pair(SIMD2<Double>)
        case list([Double])
        /// Row-major, `columns` numbers a row (W1: one row per hidden unit).
        case matrix([Double], columns: Int)
    }
    private let storage: Storage

    private init(_ storage: Storage) {
        self.storage = storage
    }

    public static func scalar(_ v: Double) -> TraceValue { TraceValue(.scalar(v)) }

    public static func pair(_ v: SIMD2<Double>) -> TraceValue { TraceValue(.pair(v)) }

    public static func vector(_ v: [Double]) -> TraceValue {
        v.count == 2 ? TraceValue(.pair(SIMD2(v[0], v[1]))) : TraceValue(.list(v))
    }

    /// A matrix stored row-major with `columns` numbers a row.
    public static func matrix(_ v: [Double], columns: Int) -> TraceValue {
        TraceValue(.matrix(v, columns: max(1, columns)))
    }

    /// The two numbers of a two-component vector (x, W, ∂L/∂W), without going through an array.
    @inline(__always)
    public var pair: SIMD2<Double>? {
        if case .pair(let v) = storage { return v }
        return nil
    }

    /// Numbers a row for a matrix, nil otherwise.
    public var columns: Int? {
        if case .matrix(_, let columns) = storage { return columns }
        return nil
    }

    /// False for a scalar, true for a vector (even a one-element one).
    public var isVector: Bool {
        if case .scalar = storage { return false }
        return true
    }

    /// How many numbers the value holds.
    public var count: Int {
        switch storage {
        case .scalar: return 1
        case .pair: return 2
        case .list(let v): return v.count
        case .matrix(let v, _): return v.count
        }
    }

    /// Component `i` (0 ..< count).
    @inline(__always)
    public subscript(_ i: Int) -> Double {
        switch storage {
        case .scalar(let v): return v
        case .pair(let v): return v[i]
        case .list(let v): return v[i]
        case .matrix(let v, _): return v[i]
        }
    }

    /// The numbers in order; a scalar is a one-element list.
    public var components: [Double] { (0..<count).map { self[$0] } }

    /// The scalar, or the first component of a vector.
    public var first: Double { count > 0 ? self[0] : .nan }

    public var isFinite: Bool { (0..<count).allSatisfy { self[$0].isFinite } }
}

/// One value published on the trace bus, where the network computed it.
public struct TraceEvent: Sendable, Equatable {
    /// The global sample-step index from 0. Epoch records carry the epoch's last step.
    public var step: Int
    /// The epoch from 0.
    public var epoch: Int
    /// The sample's index in the dataset; nil on epoch records.
    public var sample: Int?
    public var phase: TracePhase
    public var name: TraceName
    public var value: TraceValue

    public init(step: Int, epoch: Int, sample: Int?, phase: TracePhase, name: TraceName, value: TraceValue) {
        self.step = step
        self.epoch = epoch
        self.sample = sample
        self.phase = phase
        self.name = name
        self.value = value
    }
}
