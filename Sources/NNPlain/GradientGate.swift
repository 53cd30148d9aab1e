import NNCore

/// `--max-rel-error E`: watches every relative error the gradient check publishes and keeps the
/// worst, so a run can end with status 1 when it exceeds E. A NaN error (the check could not be
/// made, as when the loss is infinite) counts as the worst of all: a gate passes only what it could check.
public final class GradientGate: TraceSubscriber {
    public let limit: Double
    /// The limit as the user wrote it, for the message.
    private let limitText: String
    /// The `--compare` variant, for the message.
    private let run: String?
    /// The worst error so far and where it was: its first occurrence.
    public private(set) var worst: Finding?
    /// The relative-error entries, found once per schema, each with its parameter's name.
    private var watched: (schema: TraceSchema, entries: [(entry: TraceEntry, parameter: String)])?

    public struct Finding: Equatable, Sendable {
        /// "W1[0][1]", "b": the parameter as CSV columns spell it.
        public var parameter: String
        public var error: Double
        public var step: Int
        public var epoch: Int
        public var sample: Int
    }

    public init(limit: Double, written: String, run: String? = nil) {
        self.limit = limit
        limitText = written
        self.run = run
    }

    public func receive(_ step: TraceStep) {
        if watched?.schema !== step.schema { watched = (step.schema, Self.watchedEntries(step.schema)) }
        guard let watched else { return }
        for (entry, parameter) in watched.entries {
            let errors = step[entry]
            for k in 0..<errors.count where Self.isWorse(errors[k], than: worst?.error) {
                worst = Finding(parameter: parameter + entry.shape.suffix(ofComponent: k), error: errors[k],
                                step: step.step, epoch: step.epoch, sample: step.sample)
            }
        }
    }

    /// NaN is worse than any number; otherwise larger is worse; the first of equals is kept.
    public static func isWorse(_ error: Double, than current: Double?) -> Bool {
        guard let current else { return true }
        if current.isNaN { return false }
        return error.isNaN || error > current
    }

    /// Each relative-error entry with the name of the parameter it checks (W, b1, …).
    static func watchedEntries(_ schema: TraceSchema) -> [(entry: TraceEntry, parameter: String)] {
        schema.entries.compactMap { entry in
            let checked: TraceQuantity
            switch entry.quantity {
            case .relativeErrorDWeights: checked = .weights
            case .relativeErrorDBias: checked = .bias
            default: return nil
            }
            guard let parameter = schema.entry(checked, layer: entry.layer, phase: .forward) else { return nil }
            return (entry, parameter.name)
        }
    }

    /// True when the worst error exceeds the limit (or could not be computed).
    public var failed: Bool {
        guard let error = worst?.error else { return false }
        return error.isNaN || error > limit
    }

    /// One line: the worst error, which parameter, where, and the limit it broke.
    public var summary: String {
        guard let worst else { return "no gradient was checked" }
        let place = "for \(worst.parameter) at epoch \(worst.epoch), sample \(worst.sample) (step \(worst.step))"
        let failed = "gradient check failed" + (run.map { " in run \($0)" } ?? "") + ": "
        if worst.error.isNaN {
            return failed + "relative error NaN \(place): the check could not be made there (NaN counts as above --max-rel-error \(limitText))"
        }
        return failed + "relative error \(JSONText.number(worst.error)) \(place), the worst of the run, is above --max-rel-error \(limitText)"
    }
}
