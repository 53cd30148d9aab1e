/// Receives every step published on a bus it is attached to.
public protocol TraceSubscriber: AnyObject {
    func receive(_ step: TraceStep)
}

/// Identifies one attachment, for `detach`.
public struct TraceSubscription: Hashable, Sendable {
    fileprivate let id: Int
}

/// The one channel from the network to everything that watches it (recorder, printers, screen).
///
/// A step is published once, as one row: the reference counting of a call happens once a step,
/// not once a value. With nobody attached the trainer does not publish at all.
public final class TraceBus {
    private var subscribers: [(subscription: TraceSubscription, subscriber: any TraceSubscriber)] = []
    private var nextID = 0
    /// True while at least one subscriber is attached.
    public private(set) var isActive = false

    public init() {}

    /// Attaches a subscriber; it receives steps from the next publish on.
    @discardableResult
    public func attach(_ subscriber: any TraceSubscriber) -> TraceSubscription {
        let subscription = TraceSubscription(id: nextID)
        nextID += 1
        subscribers.append((subscription, subscriber))
        isActive = true
        return subscription
    }

    /// Detaches a subscriber; detaching twice is harmless.
    public func detach(_ subscription: TraceSubscription) {
        subscribers.removeAll { $0.subscription == subscription }
        isActive = !subscribers.isEmpty
    }

    public func publish(_ step: TraceStep) {
        subscribers.withUnsafeBufferPointer { entries in
            for entry in entries { entry.subscriber.receive(step) }
        }
    }
}
