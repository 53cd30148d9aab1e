/// One worked equation: as the notebook writes it, with the live numbers, and the result.
public struct EquationLine: Sendable, Equatable {
    /// The phase the line belongs to, for grouping ("forward", "backward", "update").
    public var phase: TracePhase
    /// The schema entries whose values this line shows; the line is "current" when the cursor is on one.
    public var keys: [Int]
    /// "z = W·x + b".
    public var symbolic: String
    /// "(−1.1119)(0) + (0.3189)(1) + 0.2790", or nil until the inputs are computed.
    public var substituted: String?
    /// "0.5979", or nil until the value is computed.
    public var result: String?
    /// In notebook mode, where the notebook's code differs from the correct math: what is wrong and the correct form.
    public var mistake: String?
    /// The correct form alone ("−2(y − ŷ)"), for a narrow panel that cannot spell out `mistake`.
    public var correction: String?
    /// The step's givens (x, y and the parameters in force): stated, not computed.
    public var isGiven = false

    public init(phase: TracePhase, keys: [Int], symbolic: String, substituted: String? = nil, result: String? = nil, mistake: String? = nil) {
        self.phase = phase
        self.keys = keys
        self.symbolic = symbolic
        self.substituted = substituted
        self.result = result
        self.mistake = mistake
    }

    /// True once the line's own value has been computed.
    public var isComputed: Bool { result != nil }

    /// "symbolic = substituted = result", with as much as is known (empty parts left out).
    public var text: String {
        var text = symbolic
        if let substituted, !substituted.isEmpty, substituted != result { text += " = " + substituted }
        if let result, !result.isEmpty { text += " = " + result }
        return text
    }
}
