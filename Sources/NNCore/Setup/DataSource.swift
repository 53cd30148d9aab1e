/// Where a run's samples come from: a built-in truth table, a generated set, or the learner's file.
public enum DataSource: Sendable, Equatable {
    case builtin(DatasetName)
    /// `--dataset moons` and the like: drawn from its own `RandomState(seed)`, apart from the weights' seed.
    case generated(GeneratedDataset, samples: Int, noise: Double, seed: UInt32)
    /// `--data FILE`: the samples as read, and the path for titles.
    case file(path: String, samples: [Sample])

    /// "or", "moons", "data.csv": what the setup line names.
    public var name: String {
        switch self {
        case .builtin(let d): return d.rawValue
        case .generated(let g, _, _, _): return g.rawValue
        case .file(let path, _): return path.split(separator: "/").last.map(String.init) ?? path
        }
    }

    /// "OR", "the notebook's sample", "the samples of data.csv": for titles.
    public var displayName: String {
        switch self {
        case .builtin(let d): return d.displayName
        case .generated(let g, let n, _, _): return "\(n) \(g.rawValue) points"
        case .file: return "the samples of \(name)"
        }
    }

    /// The built-in data set, when that is the source.
    public var builtin: DatasetName? {
        if case .builtin(let d) = self { return d }
        return nil
    }

    /// What `--dataset` names, or nil for a file.
    public var choice: DatasetChoice? {
        switch self {
        case .builtin(let d): return .builtin(d)
        case .generated(let g, _, _, _): return .generated(g)
        case .file: return nil
        }
    }

    /// A generated set's parameters, when that is the source.
    public var generated: (samples: Int, noise: Double, seed: UInt32)? {
        if case .generated(_, let n, let noise, let seed) = self { return (n, noise, seed) }
        return nil
    }

    /// `--data`'s path, when the samples are the learner's file.
    public var filePath: String? {
        if case .file(let path, _) = self { return path }
        return nil
    }

    /// Samples in training order. `notebookX` is the seeded `randint(0, 2, size=2)` draw.
    public func samples(notebookX: SIMD2<Double>) -> [Sample] {
        switch self {
        case .builtin(let d): return Dataset.samples(d, notebookX: notebookX)
        case .generated(let g, let n, let noise, let seed): return g.samples(count: n, noise: noise, seed: seed)
        case .file(_, let samples): return samples
        }
    }
}
