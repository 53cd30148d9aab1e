/// A value's place within a step: the same name can appear in two phases (W before and after the update).
public struct TraceKey: Hashable, Sendable {
    public var phase: TracePhase
    public var name: TraceName

    public init(_ phase: TracePhase, _ name: TraceName) {
        self.phase = phase
        self.name = name
    }
}

/// The values one sample step has published so far, looked up by phase and name.
public struct StepValues: Sendable, Equatable {
    private var table: [TraceKey: TraceValue] = [:]

    public init() {}

    public mutating func record(_ event: TraceEvent) {
        table[TraceKey(event.phase, event.name)] = event.value
    }

    public subscript(_ phase: TracePhase, _ name: TraceName) -> TraceValue? {
        table[TraceKey(phase, name)]
    }

    /// A scalar value, or nil while it has not been computed.
    public func scalar(_ phase: TracePhase, _ name: TraceName) -> Double? {
        self[phase, name]?.first
    }

    /// A two-component value, or nil while it has not been computed.
    public func pair(_ phase: TracePhase, _ name: TraceName) -> SIMD2<Double>? {
        guard let c = self[phase, name]?.components, c.count == 2 else { return nil }
        return SIMD2(c[0], c[1])
    }

    public var isEmpty: Bool { table.isEmpty }
}
