/// Which epochs a text trace prints in full: the first of its range, every Nth after it, and the
/// last. Without `--from-epoch`/`--to-epoch` the range is the whole run (epoch 0 to the last).
public struct EpochSelection: Sendable, Equatable {
    public let first: Int
    public let last: Int
    public let every: Int

    public init(first: Int = 0, last: Int, every: Int) {
        self.first = first
        self.last = last
        self.every = max(1, every)
    }

    /// The whole run of `epochs` epochs, or only `range` of it.
    public init(epochs: Int, range: ClosedRange<Int>?, every: Int) {
        self.init(first: range?.lowerBound ?? 0, last: range?.upperBound ?? epochs - 1, every: every)
    }

    public func includes(_ epoch: Int) -> Bool {
        epoch >= first && epoch <= last && ((epoch - first) % every == 0 || epoch == last)
    }

    /// The first printed epoch after `epoch`, or nil when none is left.
    public func next(after epoch: Int) -> Int? {
        if epoch < first { return first }
        guard epoch < last else { return nil }
        let following = first + ((epoch - first) / every + 1) * every
        return min(following, last)
    }

    /// Whether the range is the whole run of `epochs` epochs.
    public func isWholeRun(epochs: Int) -> Bool { first == 0 && last == epochs - 1 }
}
