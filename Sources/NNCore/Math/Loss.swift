#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The loss of one sample, L(y, ŷ): its value, its derivative ∂L/∂ŷ and its text, side by side.
public enum Loss: String, CaseIterable, Sendable, Hashable {
    /// (y − ŷ)², the notebook's.
    case squared
    /// −log ŷ when y = 1, −log(1 − ŷ) when y = 0.
    case crossEntropy = "cross-entropy"

    /// L(y, ŷ). Cross-entropy is infinite where ŷ rounds to exactly 0 or 1; it is shown as it is.
    @inline(__always)
    public func value(y: Double, yHat: Double) -> Double {
        switch self {
        case .squared: return (y - yHat) * (y - yHat)
        case .crossEntropy: return y == 1 ? -log(yHat) : -log(1 - yHat)
        }
    }

    /// ∂L/∂ŷ: −2(y − ŷ), or −1/ŷ (y = 1) and 1/(1 − ŷ) (y = 0). `dropsMinusSign` is the
    /// notebook's `loss_deriv`, 2(y − ŷ); it exists only for the squared error.
    @inline(__always)
    public func derivative(y: Double, yHat: Double, dropsMinusSign: Bool = false) -> Double {
        switch self {
        case .squared: return dropsMinusSign ? 2 * (y - yHat) : -2 * (y - yHat)
        case .crossEntropy: return y == 1 ? -1 / yHat : 1 / (1 - yHat)
        }
    }

    /// "L = (y − ŷ)²" or the cross-entropy's general form.
    public var formula: String {
        switch self {
        case .squared: return "(y − ŷ)²"
        case .crossEntropy: return "−[y·log ŷ + (1 − y)·log(1 − ŷ)]"
        }
    }

    /// The words for a setup's description.
    public var words: String {
        switch self {
        case .squared: return "squared error"
        case .crossEntropy: return "cross-entropy"
        }
    }

    /// The epoch's loss, the sum of the samples' losses: "Σᵢ (yᵢ − ŷᵢ)²" or "Σᵢ Lᵢ".
    public var sumFormula: String {
        switch self {
        case .squared: return "Σᵢ (yᵢ − ŷᵢ)²"
        case .crossEntropy: return "Σᵢ Lᵢ"
        }
    }

    public static var acceptedList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
