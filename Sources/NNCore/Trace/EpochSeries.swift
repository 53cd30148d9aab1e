/// One number per epoch (a loss, an accuracy), kept with halving levels of means beside it, so
/// that drawing any prefix of it at any width costs the width, not the number of epochs.
///
/// Level 0 holds every value; level k the mean of each aligned run of 2ᵏ values, or NaN when the
/// run holds a value that is not finite (a sparkline marks those).
public struct EpochSeries: Sendable, Equatable {
    private var levels: [[Double]] = [[]]
    /// The smallest finite value so far, after each value (NaN until there is one).
    private var runningMinimum: [Double] = []

    public init() {}

    public init<S: Sequence>(_ values: S) where S.Element == Double {
        for v in values { append(v) }
    }

    public var count: Int { levels[0].count }
    public var values: ArraySlice<Double> { levels[0][...] }
    public subscript(_ i: Int) -> Double { levels[0][i] }

    public mutating func append(_ value: Double) {
        levels[0].append(value)
        let previous = runningMinimum.last ?? .nan
        runningMinimum.append(value.isFinite && !(previous <= value) ? value : previous)
        var level = 0
        // Each time a level completes a pair, the pair's mean goes one level up.
        while levels[level].count % 2 == 0 {
            let n = levels[level].count
            let a = levels[level][n - 2], b = levels[level][n - 1]
            let mean = a.isFinite && b.isFinite ? a / 2 + b / 2 : .nan
            if levels.count == level + 1 { levels.append([]) }
            levels[level + 1].append(mean)
            level += 1
        }
    }

    /// The first `prefix` values in `width` columns: each column the mean of the values it covers
    /// (NaN if any of them is not finite), read from the coarsest level that still gives every
    /// column at least one number. With no more values than columns, the values themselves.
    public func columns(prefix: Int, width: Int) -> [Double] {
        let n = min(prefix, count)
        guard width > 0, n > 0 else { return [] }
        guard n > width else { return Array(levels[0][0..<n]) }
        var level = 0
        while level + 1 < levels.count && (n >> (level + 1)) >= 2 * width { level += 1 }
        let source = levels[level]
        let m = n >> level
        return (0..<width).map { column in
            let start = column * m / width, end = max(start + 1, (column + 1) * m / width)
            var sum = 0.0
            for i in start..<end {
                let v = source[i]
                guard v.isFinite else { return .nan }
                sum += v / 2
            }
            return sum / Double(end - start) * 2
        }
    }

    /// The smallest finite value among the first `prefix`, if any.
    public func minimum(prefix: Int) -> Double? {
        let n = min(prefix, count)
        guard n > 0 else { return nil }
        let m = runningMinimum[n - 1]
        return m.isNaN ? nil : m
    }

    public var first: Double? { levels[0].first }
    public var last: Double? { levels[0].last }
}
