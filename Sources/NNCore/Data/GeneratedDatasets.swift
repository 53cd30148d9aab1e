/// Two-class point clouds generated exactly as scikit-learn (or numpy) would for the same
/// size, noise and seed, so a learner's Jupyter plot and the tutor show the same points.
///
/// Each generator draws from its own `NumpyRandomState(seed:)`, like `random_state=seed`.
/// `count` is meant to be 2...10000 and `noise` finite and ≥ 0; the caller validates them.
/// Outside that range the result is still numpy's arithmetic (an empty list for count ≤ 0),
/// never a crash.
public enum GeneratedDataset: String, CaseIterable, Sendable {
    /// `make_moons(n_samples=count, noise=noise, random_state=seed)`.
    case moons
    /// `make_circles(n_samples=count, noise=noise, factor=0.5, random_state=seed)`.
    case circles
    /// `make_blobs(n_samples=count, centers=[[-1, -1], [1, 1]], cluster_std=noise, random_state=seed)`.
    case blobs
    /// Two interleaved arms of 1.75 turns each: see `spiral(count:noise:seed:)`.
    case spiral

    /// The noise a learner gets without asking: sklearn-style defaults that keep the classes apart.
    public var defaultNoise: Double {
        switch self {
        case .moons: 0.1
        case .circles: 0.1
        case .blobs: 0.5
        case .spiral: 0.05
        }
    }

    /// The points in generated (shuffled) order, labels 0.0 and 1.0.
    public func samples(count n: Int, noise: Double, seed: UInt32) -> [Sample] {
        switch self {
        case .moons: Self.moons(count: n, noise: noise, seed: seed)
        case .circles: Self.circles(count: n, noise: noise, seed: seed)
        case .blobs: Self.blobs(count: n, noise: noise, seed: seed)
        case .spiral: Self.spiral(count: n, noise: noise, seed: seed)
        }
    }
}

extension GeneratedDataset {
    /// sklearn's `shuffle(X, y, random_state=rng)`: one `shuffle(arange(n))`, then rows
    /// taken in that order.
    static func shuffled(_ samples: [Sample], rng: inout NumpyRandomState) -> [Sample] {
        rng.permutation(samples.count).map { samples[$0] }
    }

    /// `X += rng.normal(scale=noise, size=X.shape)`: draws in C order (x then y of each row),
    /// each `0.0 + noise * gauss`, then added to the point. Drawn even when noise is 0, as
    /// sklearn does for `noise=0.0`.
    static func addingNoise(_ samples: [Sample], noise: Double, rng: inout NumpyRandomState) -> [Sample] {
        let draws = rng.normal(loc: 0.0, scale: noise, count: 2 * samples.count)
        return samples.indices.map { i in
            let jitter = SIMD2(draws[2 * i], draws[2 * i + 1])
            return Sample(x: samples[i].x + jitter, y: samples[i].y)
        }
    }
}
