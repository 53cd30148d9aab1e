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
}

/// A traced value: a number or a vector of numbers.
public enum TraceValue: Sendable, Equatable {
    case scalar(Double)
    case vector([Double])

    /// The numbers in order; a scalar is a one-element list.
    public var components: [Double] {
        switch self {
        case .scalar(let v): return [v]
        case .vector(let v): return v
        }
    }

    /// The scalar, or the first component of a vector.
    public var first: Double {
        switch self {
        case .scalar(let v): return v
        case .vector(let v): return v.first ?? .nan
        }
    }

    public var isFinite: Bool { components.allSatisfy(\.isFinite) }
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
