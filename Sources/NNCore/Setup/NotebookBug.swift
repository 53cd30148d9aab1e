/// Which of the notebook's bugs a step reproduces, as plain flags for the hot path.
public struct BugSwitches: Sendable, Equatable {
    /// dL/dŷ = 2(y − ŷ) instead of −2(y − ŷ).
    public var dropsMinusSign: Bool
    /// Each layer's ∂a/∂z taken at its output a instead of at z (the notebook's σ′(ŷ)).
    public var derivativeAtOutput: Bool

    public init(_ bugs: Set<NotebookBug>) {
        dropsMinusSign = bugs.contains(.sign)
        derivativeAtOutput = bugs.contains(.derivAtYHat)
    }
}

/// The notebook's mistakes that change what its code computes. Each can be switched on alone.
public enum NotebookBug: String, CaseIterable, Sendable, Hashable, Comparable {
    /// `loss_deriv` returns 2(y − ŷ): the minus sign of −2(y − ŷ) is dropped, so every
    /// update moves uphill and the loss climbs.
    case sign
    /// `sigmoid_deriv(self.y_hat)`: σ′ is evaluated at ŷ instead of at z.
    case derivAtYHat = "deriv-at-yhat"

    public static var acceptedList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The order the bugs appear in the notebook's code, for stable listings.
    private var order: Int {
        switch self {
        case .sign: return 0
        case .derivAtYHat: return 1
        }
    }

    public static func < (a: NotebookBug, b: NotebookBug) -> Bool { a.order < b.order }
}

/// `--mode`: the correct math, or the notebook's code as written (every bug on).
public enum TrainingMode: String, CaseIterable, Sendable {
    case corrected
    case notebook

    public static var acceptedList: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// The bugs this mode turns on by itself.
    public var bugs: Set<NotebookBug> {
        switch self {
        case .corrected: return []
        case .notebook: return Set(NotebookBug.allCases)
        }
    }
}
