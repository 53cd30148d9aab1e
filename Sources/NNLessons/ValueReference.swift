import Foundation
import NNCore

/// A live value named in a lesson, `{{update.W[1]}}` and the like. Resolved against a `TraceSnapshot`.
public enum ValueReference: Sendable, Equatable {
    /// A traced value; `index` picks one component of a vector.
    case trace(phase: TracePhase, name: TraceName, index: Int?)
    /// `{{epoch.loss}}`: the summed loss of the latest completed epoch.
    case epochLoss
    /// `{{epoch}}`, `{{sample}}`, `{{step}}`: where the snapshot is, counted from 0.
    case counter(Counter)

    public enum Counter: String, Sendable, Equatable { case epoch, sample, step }

    /// The phases a name is published in, in the order a step publishes them.
    static func phases(of name: TraceName) -> [TracePhase] {
        switch name {
        case .x, .y, .z, .yHat, .z1, .a1, .z2: return [.forward]
        case .loss: return [.forward, .epoch]
        case .W, .b, .W1, .b1, .W2, .b2: return [.forward, .update]
        case .dLossDYHat, .dYHatDZ, .dZDW, .dLossDW, .dLossDB, .dLossDWNumeric, .dLossDBNumeric,
            .dLossDWRelativeError, .dLossDBRelativeError,
            .delta2, .delta1, .dLossDW2, .dLossDB2, .dLossDW1, .dLossDB1,
            .dLossDW1Numeric, .dLossDW1RelativeError, .dLossDB1Numeric, .dLossDB1RelativeError,
            .dLossDW2Numeric, .dLossDW2RelativeError, .dLossDB2Numeric, .dLossDB2RelativeError:
            return [.backward]
        }
    }

    /// Names whose value has two components.
    static func isVector(_ name: TraceName) -> Bool {
        switch name {
        case .x, .W, .dZDW, .dLossDW, .dLossDWNumeric, .dLossDWRelativeError: return true
        // The hidden layer's values have one component per unit (W1 two per unit).
        case .W1, .b1, .W2, .z1, .a1, .delta1, .dLossDW2, .dLossDW1, .dLossDB1,
            .dLossDW1Numeric, .dLossDW1RelativeError, .dLossDB1Numeric, .dLossDB1RelativeError,
            .dLossDW2Numeric, .dLossDW2RelativeError:
            return true
        default: return false
        }
    }

    /// Names published only when gradients are checked.
    static func needsGradientCheck(_ name: TraceName) -> Bool {
        switch name {
        case .dLossDWNumeric, .dLossDBNumeric, .dLossDWRelativeError, .dLossDBRelativeError,
            .dLossDW1Numeric, .dLossDW1RelativeError, .dLossDB1Numeric, .dLossDB1RelativeError,
            .dLossDW2Numeric, .dLossDW2RelativeError, .dLossDB2Numeric, .dLossDB2RelativeError:
            return true
        default: return false
        }
    }

    /// Parses the text between `{{` and `}}`. Returns a message a lesson author can act on when it fails.
    public static func parse(_ raw: String) -> Result<ValueReference, ReferenceError> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        switch text {
        case "epoch": return .success(.counter(.epoch))
        case "sample": return .success(.counter(.sample))
        case "step": return .success(.counter(.step))
        case "epoch.loss": return .success(.epochLoss)
        default: break
        }
        var body = Substring(text)
        var index: Int?
        if body.hasSuffix("]") {
            guard let open = body.lastIndex(of: "[") else { return .failure(.init("unknown value '\(text)'")) }
            let digits = body[body.index(after: open)..<body.index(before: body.endIndex)]
            guard let i = Int(digits), i == 0 || i == 1, digits.count == 1 else {
                return .failure(.init("bad index in '\(text)': use [0] or [1]"))
            }
            index = i
            body = body[..<open]
        }
        var phase: TracePhase?
        if let dot = body.firstIndex(of: ".") {
            let phaseText = String(body[..<dot])
            guard let p = TracePhase(rawValue: phaseText), p != .epoch else {
                return .failure(.init("unknown phase '\(phaseText)' in '\(text)': use forward, backward or update"))
            }
            phase = p
            body = body[body.index(after: dot)...]
        }
        guard let name = TraceName(rawValue: String(body)) else {
            return .failure(.init(
                "unknown value '\(text)': use a trace name (\(TraceName.allCases.map(\.rawValue).joined(separator: ", "))), "
                    + "optionally phase-qualified and indexed, or epoch, sample, step, epoch.loss"))
        }
        let allowed = phases(of: name).filter { $0 != .epoch }
        if let phase {
            guard allowed.contains(phase) else {
                return .failure(.init("\(name.rawValue) is not computed in the \(phase.rawValue) phase; it is computed in \(allowed.map(\.rawValue).joined(separator: " and "))"))
            }
        } else if allowed.count > 1 {
            return .failure(.init("\(name.rawValue) has a value before and after the update: write forward.\(name.rawValue) or update.\(name.rawValue)"))
        }
        let resolvedPhase = phase ?? allowed[0]
        if let index, !isVector(name) {
            return .failure(.init("\(name.rawValue) is a single number; drop the index [\(index)]"))
        }
        return .success(.trace(phase: resolvedPhase, name: name, index: index))
    }

    /// True when the reference names one number (not a whole vector).
    public var isScalar: Bool {
        if case .trace(_, let name, let index) = self { return index != nil || !Self.isVector(name) }
        return true
    }

    /// The numbers this reference shows at a snapshot, or nil when they are not computed there.
    public func values(in snapshot: TraceSnapshot) -> [Double]? {
        switch self {
        case .counter(.epoch): return [Double(snapshot.event.epoch)]
        case .counter(.step): return [Double(snapshot.event.step)]
        case .counter(.sample): return snapshot.event.sample.map { [Double($0)] }
        case .epochLoss: return snapshot.epochLosses.last.map { [$0] }
        case .trace(let phase, let name, let index):
            guard let value = snapshot.values[phase, name] else { return nil }
            let components = value.components
            if let index {
                return index < components.count ? [components[index]] : nil
            }
            return components
        }
    }

    /// The single number this reference names at a snapshot (nil if absent or a whole vector).
    public func scalar(in snapshot: TraceSnapshot) -> Double? {
        guard isScalar, let v = values(in: snapshot), v.count == 1 else { return nil }
        return v[0]
    }

    /// The value as the live panels show it: a number, or a whole vector as "(a, b)".
    public func formatted(in snapshot: TraceSnapshot) -> String? {
        guard let numbers = values(in: snapshot) else { return nil }
        let shown = numbers.map(NumberFormat.short)
        return shown.count == 1 && isScalar ? shown[0] : "(" + shown.joined(separator: ", ") + ")"
    }
}

/// Why a `{{…}}` reference could not be read.
public struct ReferenceError: Error, Sendable, Equatable {
    public var message: String
    init(_ message: String) { self.message = message }
}

/// How numbers appear in lesson text: exactly as in the live panels (`NumberFormat.short`).
public enum LessonFormat {
    public static func number(_ v: Double) -> String { NumberFormat.short(v) }
}
