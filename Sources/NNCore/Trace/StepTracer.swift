/// Publishes the values of one sample step, stamped with where in training they belong.
///
/// Every call first checks `bus.isActive`, so nothing is built when nobody listens.
public struct StepTracer {
    public let bus: TraceBus
    public let step: Int
    public let epoch: Int
    public let sample: Int

    public init(bus: TraceBus, step: Int, epoch: Int, sample: Int) {
        self.bus = bus
        self.step = step
        self.epoch = epoch
        self.sample = sample
    }

    @inline(__always)
    public func callAsFunction(_ phase: TracePhase, _ name: TraceName, _ value: Double) {
        guard bus.isActive else { return }
        bus.publish(TraceEvent(step: step, epoch: epoch, sample: sample, phase: phase, name: name, value: .scalar(value)))
    }

    @inline(__always)
    public func callAsFunction(_ phase: TracePhase, _ name: TraceName, _ value: SIMD2<Double>) {
        guard bus.isActive else { return }
        bus.publish(TraceEvent(step: step, epoch: epoch, sample: sample, phase: phase, name: name, value: .pair(value)))
    }

    @inline(__always)
    public func callAsFunction(_ phase: TracePhase, _ name: TraceName, vector value: [Double]) {
        guard bus.isActive else { return }
        bus.publish(TraceEvent(step: step, epoch: epoch, sample: sample, phase: phase, name: name, value: .vector(value)))
    }

    @inline(__always)
    public func callAsFunction(_ phase: TracePhase, _ name: TraceName, matrix value: [Double], columns: Int) {
        guard bus.isActive else { return }
        bus.publish(TraceEvent(step: step, epoch: epoch, sample: sample, phase: phase, name: name,
                               value: .matrix(value, columns: columns)))
    }
}
