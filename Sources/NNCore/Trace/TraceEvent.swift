/// One published record read back from a recording: where it was computed, what it is, its numbers.
public struct TraceEvent: Sendable, Equatable {
    /// The global sample-step index from 0; an epoch record carries its epoch's last step.
    public var step: Int
    public var epoch: Int
    /// The sample's index in the data set; nil on epoch records.
    public var sample: Int?
    public var entry: TraceEntry
    public var value: [Double]

    public init(step: Int, epoch: Int, sample: Int?, entry: TraceEntry, value: [Double]) {
        self.step = step
        self.epoch = epoch
        self.sample = sample
        self.entry = entry
        self.value = value
    }

    public var phase: TracePhase { entry.phase }
    public var name: String { entry.name }
    /// The scalar, or the first number of a vector.
    public var first: Double { value.first ?? .nan }
}
