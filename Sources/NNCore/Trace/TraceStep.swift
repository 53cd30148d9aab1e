/// One sample step as the bus publishes it: every value of the step in one row laid out by the
/// schema, and which groups of records the step holds.
///
/// The row is the trainer's own workspace, lent for the duration of `receive`: a subscriber
/// that keeps values copies them.
public struct TraceStep {
    public let schema: TraceSchema
    /// The global sample-step index from 0.
    public let step: Int
    public let epoch: Int
    /// The sample's index in the data set.
    public let sample: Int
    /// The step ends a batch, so it publishes the update records.
    public let endsBatch: Bool
    /// The step ends an epoch, so it publishes the epoch records.
    public let endsEpoch: Bool
    /// The full row: entry `e`'s numbers start at `row[e.offset]`.
    public let row: UnsafePointer<Double>

    public init(schema: TraceSchema, step: Int, epoch: Int, sample: Int, endsBatch: Bool, endsEpoch: Bool,
                row: UnsafePointer<Double>) {
        self.schema = schema
        self.step = step
        self.epoch = epoch
        self.sample = sample
        self.endsBatch = endsBatch
        self.endsEpoch = endsEpoch
        self.row = row
    }

    /// An entry's numbers.
    @inline(__always)
    public subscript(_ entry: TraceEntry) -> UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: row + entry.offset, count: entry.count)
    }

    /// The first number of an entry (a scalar's value).
    @inline(__always)
    public func scalar(_ entry: TraceEntry) -> Double { row[entry.offset] }

    /// Whether the step publishes entry `id`.
    @inline(__always)
    public func publishes(_ id: Int) -> Bool {
        schema.sampleEntries.contains(id) || (endsBatch && schema.updateEntries.contains(id))
            || (endsEpoch && schema.epochEntries.contains(id))
    }

    /// The groups this step publishes, in order.
    public var groups: StepGroups { StepGroups(endsBatch: endsBatch, endsEpoch: endsEpoch) }

    /// The records the step publishes, in order.
    public var eventCount: Int { schema.eventCount(groups) }
}

/// Which optional groups a step publishes; its sample records always come first.
public struct StepGroups: Hashable, Sendable {
    public var endsBatch: Bool
    public var endsEpoch: Bool

    public init(endsBatch: Bool, endsEpoch: Bool) {
        self.endsBatch = endsBatch
        self.endsEpoch = endsEpoch
    }
}

extension TraceSchema {
    /// The entry ids a step with these groups publishes, in publication order.
    public func published(_ groups: StepGroups) -> [Int] {
        var ids = Array(sampleEntries)
        if groups.endsBatch { ids += updateEntries }
        if groups.endsEpoch { ids += epochEntries }
        return ids
    }

    /// How many records a step with these groups publishes.
    public func eventCount(_ groups: StepGroups) -> Int {
        sampleEntries.count + (groups.endsBatch ? updateEntries.count : 0) + (groups.endsEpoch ? epochEntries.count : 0)
    }

    /// The entry id of a step's `k`th record.
    @inline(__always)
    public func entryID(publishedAt k: Int, _ groups: StepGroups) -> Int {
        if k < sampleEntries.count { return k }
        let afterSample = k - sampleEntries.count
        if groups.endsBatch {
            if afterSample < updateEntries.count { return updateEntries.lowerBound + afterSample }
            return epochEntries.lowerBound + afterSample - updateEntries.count
        }
        return epochEntries.lowerBound + afterSample
    }

    /// The place of entry `id` among a step's records, or nil when the step does not publish it.
    public func publicationIndex(of id: Int, _ groups: StepGroups) -> Int? {
        if sampleEntries.contains(id) { return id }
        if updateEntries.contains(id) {
            return groups.endsBatch ? sampleEntries.count + id - updateEntries.lowerBound : nil
        }
        guard groups.endsEpoch, epochEntries.contains(id) else { return nil }
        return sampleEntries.count + (groups.endsBatch ? updateEntries.count : 0) + id - epochEntries.lowerBound
    }
}
