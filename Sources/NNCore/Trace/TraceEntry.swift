/// Where in a sample step a value is computed.
public enum TracePhase: String, CaseIterable, Sendable {
    /// Its place in `allCases`, for table lookups.
    @inline(__always) public var index: Int {
        switch self {
        case .forward: return 0
        case .backward: return 1
        case .update: return 2
        case .epoch: return 3
        }
    }

    case forward, backward, update
    /// The end-of-epoch records.
    case epoch
}

/// What a traced value is, whatever the network: the schema names it, consumers ask for it.
public enum TraceQuantity: Int, CaseIterable, Sendable, Hashable {
    case input, target
    /// A layer's W (one row per unit) and b; in the update phase, their new values.
    case weights, bias
    /// z_l, and a_l = f(z_l) of a hidden layer.
    case preActivation, activation
    /// ŷ = σ(z_L).
    case output
    case loss
    /// ∂L/∂ŷ.
    case dLossDOutput
    /// ∂a_l/∂z_l (the single neuron's ∂ŷ/∂z).
    case slope
    /// δ_l = ∂L/∂z_l.
    case delta
    /// ∂L/∂a_l of a hidden layer.
    case dLossDActivation
    /// The single neuron's ∂z/∂W = x, spelled out as the notebook does.
    case dPreActivationDWeights
    case dLossDWeights, dLossDBias
    /// Central differences and their relative error (`--check-gradients`).
    case numericDWeights, relativeErrorDWeights, numericDBias, relativeErrorDBias
    /// A batch's mean gradient, published before the update it drives.
    case meanDWeights, meanDBias
    /// The epoch's summed loss, and with a test set the means and accuracies of each part.
    case epochLoss, trainLoss, testLoss, trainAccuracy, testAccuracy
}

/// The shape of a traced value.
public enum TraceShape: Sendable, Hashable {
    case scalar
    case vector(Int)
    /// Row-major; a layer's W has one row per unit.
    case matrix(rows: Int, columns: Int)

    /// How many numbers it holds.
    public var count: Int {
        switch self {
        case .scalar: return 1
        case .vector(let n): return n
        case .matrix(let rows, let columns): return rows * columns
        }
    }

    public var isScalar: Bool { self == .scalar }

    /// How component `k` is spelled after a name: "" for a scalar, "[k]" in a vector, "[i][j]" in a
    /// matrix (row i, column j). CSV columns and the gradient gate's messages read it.
    public func suffix(ofComponent k: Int) -> String {
        switch self {
        case .scalar: return ""
        case .vector: return "[\(k)]"
        case .matrix(_, let columns): return "[\(k / columns)][\(k % columns)]"
        }
    }

    /// Numbers a row, for a matrix.
    public var columns: Int? {
        if case .matrix(_, let columns) = self { return columns }
        return nil
    }
}

/// Which part of a step a record belongs to: every step publishes its sample records; a step
/// that ends a batch adds the update records; a step that ends an epoch adds the epoch records.
public enum TraceGroup: Int, Sendable, Hashable {
    case sample, update, epoch
}

/// One named value a step can publish: the schema's unit.
public struct TraceEntry: Sendable, Hashable, CustomStringConvertible {
    /// The entry's index in the schema, which is its place in publication order.
    public let id: Int
    public let phase: TracePhase
    /// "W1", "dL_db", "mean_dL_dW2": as JSONL, CSV and lessons spell it.
    public let name: String
    public let quantity: TraceQuantity
    /// The layer, from 1; 0 for values of no layer (x, y, the loss, ∂L/∂ŷ, epoch records).
    public let layer: Int
    public let shape: TraceShape
    public let group: TraceGroup
    /// Where the value's numbers start in a full step row.
    public let offset: Int

    public var count: Int { shape.count }
    public var description: String { "\(phase.rawValue).\(name)" }
}
