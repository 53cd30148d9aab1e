/// The per-epoch loss in bounded memory: first, minimum and latest exactly, and a series of
/// at most `capacity` points for the sparkline (neighbouring epochs are averaged as it fills).
public struct LossHistory: Sendable, Equatable {
    public private(set) var first: Double?
    public private(set) var minimum: Double?
    public private(set) var latest: Double?
    public private(set) var count = 0
    /// Mean loss of each bucket of `epochsPerPoint` consecutive epochs.
    public private(set) var series: [Double] = []
    public private(set) var epochsPerPoint = 1
    private var bucketSum = 0.0
    private var bucketCount = 0
    private let capacity: Int

    public init(capacity: Int = 2048) {
        self.capacity = max(2, capacity - capacity % 2)
    }

    public mutating func append(_ loss: Double) {
        if first == nil { first = loss }
        if let m = minimum { if loss < m { minimum = loss } } else if !loss.isNaN { minimum = loss }
        latest = loss
        count += 1
        bucketSum += loss
        bucketCount += 1
        if bucketCount == epochsPerPoint {
            series.append(bucketSum / Double(bucketCount))
            bucketSum = 0
            bucketCount = 0
            if series.count == capacity {
                series = stride(from: 0, to: capacity, by: 2).map { (series[$0] + series[$0 + 1]) / 2 }
                epochsPerPoint *= 2
            }
        }
    }

    /// The series plus the partly filled bucket, for drawing.
    public var points: [Double] {
        bucketCount > 0 ? series + [bucketSum / Double(bucketCount)] : series
    }
}
