import Foundation
import NNCore

/// A live value named in a lesson, `{{update.W[1]}}`, `{{a1[0]}}`, `{{forward.W1[1][0]}}` and the like.
/// Resolved against a `TraceSnapshot`.
public enum ValueReference: Sendable, Equatable {
    /// A traced value; `index` picks one component (for a matrix such as W1, row-major: `[i][j]` is 2i + j).
    case trace(phase: TracePhase, name: TraceName, index: Int?)
    /// `{{forward.W1[1]}}`: one row of a matrix value, the two weights into hidden unit `row`.
    case row(phase: TracePhase, name: TraceName, row: Int)
    /// `{{epoch.loss}}`: the summed loss of the latest completed epoch.
    case epochLoss
    /// `{{epoch}}`, `{{sample}}`, `{{step}}`: where the snapshot is, counted from 0.
    case counter(Counter)

    public enum Counter: String, Sendable, Equatable { case epoch, sample, step }

    /// Which network publishes a name.
    enum Scope: Equatable {
        /// Both: x, y, y_hat, loss, dL_dyhat.
        case shared
        /// The single neuron (no `hidden:`).
        case neuron
        /// The 2-N-1 network (`hidden: N`).
        case hidden
    }

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

    static func scope(of name: TraceName) -> Scope {
        switch name {
        case .x, .y, .yHat, .loss, .dLossDYHat: return .shared
        case .W, .b, .z, .dYHatDZ, .dZDW, .dLossDW, .dLossDB, .dLossDWNumeric, .dLossDBNumeric,
            .dLossDWRelativeError, .dLossDBRelativeError:
            return .neuron
        default: return .hidden
        }
    }

    /// The single neuron's two-component values: one per input.
    static func isPair(_ name: TraceName) -> Bool {
        switch name {
        case .x, .W, .dZDW, .dLossDW, .dLossDWNumeric, .dLossDWRelativeError: return true
        default: return false
        }
    }

    /// The hidden layer's values with one number per hidden unit.
    static func isPerUnit(_ name: TraceName) -> Bool {
        switch name {
        case .b1, .W2, .z1, .a1, .delta1, .dLossDW2, .dLossDB1, .dLossDB1Numeric, .dLossDB1RelativeError,
            .dLossDW2Numeric, .dLossDW2RelativeError:
            return true
        default: return false
        }
    }

    /// The hidden layer's matrices: one row (two numbers, one per input) per hidden unit.
    static func isMatrix(_ name: TraceName) -> Bool {
        switch name {
        case .W1, .dLossDW1, .dLossDW1Numeric, .dLossDW1RelativeError: return true
        default: return false
        }
    }

    /// Names whose value has more than one component.
    static func isVector(_ name: TraceName) -> Bool { isPair(name) || isPerUnit(name) || isMatrix(name) }

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

    /// The largest hidden unit an index may name before the setup is known; the checker narrows it to N − 1.
    static let maxUnitIndex = HiddenLayerNetwork.maximumUnits - 1

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
        // Up to two trailing indexes, `[i]` or `[i][j]`, read from the end.
        var body = Substring(text)
        var indexes: [Int] = []
        while body.hasSuffix("]") {
            guard let open = body.lastIndex(of: "[") else { return .failure(.init("unknown value '\(text)'")) }
            let digits = body[body.index(after: open)..<body.index(before: body.endIndex)]
            guard indexes.count < 2, !digits.isEmpty, digits.count <= 3, digits.allSatisfy(\.isASCII),
                let i = Int(digits), i >= 0
            else {
                return .failure(.init("bad index in '\(text)': \(indexHelp(forBodyOf: body[..<open]))"))
            }
            indexes.insert(i, at: 0)
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
        if let first = indexes.first, !isVector(name) {
            return .failure(.init("\(name.rawValue) is a single number; drop the index [\(first)]"))
        }
        switch indexes.count {
        case 0:
            return .success(.trace(phase: resolvedPhase, name: name, index: nil))
        case 1 where isPair(name) && indexes[0] <= 1,
            1 where isPerUnit(name) && indexes[0] <= maxUnitIndex:
            return .success(.trace(phase: resolvedPhase, name: name, index: indexes[0]))
        case 1 where isMatrix(name) && indexes[0] <= maxUnitIndex:
            return .success(.row(phase: resolvedPhase, name: name, row: indexes[0]))
        case 2 where isMatrix(name) && indexes[0] <= maxUnitIndex && indexes[1] <= 1:
            return .success(.trace(phase: resolvedPhase, name: name, index: 2 * indexes[0] + indexes[1]))
        default:
            return .failure(.init("bad index in '\(text)': \(indexHelp(name))"))
        }
    }

    /// What indexes a name takes, for messages.
    static func indexHelp(_ name: TraceName) -> String {
        let n = name.rawValue
        if isMatrix(name) {
            return "\(n) has one row per hidden unit: use \(n)[i] for unit i's row or \(n)[i][j] (j = 0 or 1) for one weight, i from 0 to N − 1 for hidden: N"
        }
        if isPerUnit(name) {
            return "\(n) has one number per hidden unit: use one index from [0] to [N − 1] for hidden: N"
        }
        return "use [0] or [1]"
    }

    /// The index help for a reference whose index could not be read, when its name can still be made out.
    private static func indexHelp(forBodyOf body: Substring) -> String {
        var name = body
        while let open = name.lastIndex(of: "[") { name = name[..<open] }
        if let dot = name.firstIndex(of: ".") { name = name[name.index(after: dot)...] }
        return TraceName(rawValue: String(name)).map { indexHelp($0) } ?? "use [0] or [1]"
    }

    /// The traced name this reference reads, if any.
    var traceName: TraceName? {
        switch self {
        case .trace(_, let name, _), .row(_, let name, _): return name
        case .epochLoss, .counter: return nil
        }
    }

    /// The hidden unit an index names (`a1[2]`, `W1[2][0]`, `W1[2]`), to check it against the setup's N.
    var unitIndex: Int? {
        switch self {
        case .trace(_, let name, let index?):
            if Self.isMatrix(name) { return index / 2 }
            return Self.isPerUnit(name) ? index : nil
        case .row(_, _, let row): return row
        default: return nil
        }
    }

    /// True when the reference names one number (not a whole vector or a matrix row).
    public var isScalar: Bool {
        switch self {
        case .trace(_, let name, let index): return index != nil || !Self.isVector(name)
        case .row: return false
        case .epochLoss, .counter: return true
        }
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
        case .row(let phase, let name, let row):
            guard let components = snapshot.values[phase, name]?.components, 2 * row + 1 < components.count else { return nil }
            return [components[2 * row], components[2 * row + 1]]
        }
    }

    /// The single number this reference names at a snapshot (nil if absent or a whole vector).
    public func scalar(in snapshot: TraceSnapshot) -> Double? {
        guard isScalar, let v = values(in: snapshot), v.count == 1 else { return nil }
        return v[0]
    }

    /// The value as the live panels show it: a number, a vector as "(a, b)", a whole matrix as
    /// "[(a, b), (c, d)]", one row per hidden unit.
    public func formatted(in snapshot: TraceSnapshot) -> String? {
        guard let numbers = values(in: snapshot) else { return nil }
        let shown = numbers.map(NumberFormat.short)
        if shown.count == 1 && isScalar { return shown[0] }
        if case .trace(_, let name, nil) = self, Self.isMatrix(name), shown.count % 2 == 0 {
            let rows: [String] = stride(from: 0, to: shown.count, by: 2).map { i in "(\(shown[i]), \(shown[i + 1]))" }
            return "[" + rows.joined(separator: ", ") + "]"
        }
        return "(" + shown.joined(separator: ", ") + ")"
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
