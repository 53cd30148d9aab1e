import NNCore

// Trace values written by hand, for widget and lesson tests.

/// The single neuron's schema, for widgets that show its values.
public let neuronSchema = TraceSchema(architecture: Architecture())

/// A schema entry's id by "phase.name".
public func key(_ name: String, _ schema: TraceSchema = neuronSchema) -> Int {
    guard let entry = schema.entries.first(where: { $0.description == name }) else { preconditionFailure(name) }
    return entry.id
}

/// The single neuron with these parameters.
public func neuron(_ w0: Double, _ w1: Double, _ b: Double) -> MLP {
    MLP(architecture: Architecture(), activation: .sigmoid, parameters: [w0, w1, b])
}

/// A snapshot whose cursor is on the last of `pairs` ("phase.name", numbers): those values and
/// every entry before it are published (NaN where not given).
public func snapshot(_ pairs: [(String, [Double])], schema: TraceSchema = neuronSchema, epochLosses: [Double] = [],
              network: [Double]? = nil) -> TraceSnapshot {
    var row = [Double](repeating: .nan, count: schema.rowWidth)
    var last = schema.entries[0]
    for (name, numbers) in pairs {
        let entry = schema.entries[key(name, schema)]
        row.replaceSubrange(entry.offset..<(entry.offset + numbers.count), with: numbers)
        if entry.id > last.id { last = entry }
    }
    let values = StepValues(schema: schema, row: row, groups: StepGroups(endsBatch: true, endsEpoch: false), known: last.id + 1)
    let event = TraceEvent(step: 0, epoch: 0, sample: 1, entry: last, value: Array(row[last.offset..<(last.offset + last.count)]))
    let parameters = network ?? [Double](repeating: 0, count: schema.architecture.parameterCount)
    return TraceSnapshot(eventIndex: pairs.count - 1, event: event, values: values, epochLosses: ArraySlice(epochLosses),
                         network: schema.network(parameters: parameters))
}
