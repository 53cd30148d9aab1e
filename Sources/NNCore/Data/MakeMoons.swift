#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GeneratedDataset {
    /// `sklearn.datasets.make_moons(n_samples=n, noise=noise, random_state=seed)`: the upper
    /// moon (label 0) gets n / 2 points, the lower one the rest; shuffled, then jittered.
    static func moons(count n: Int, noise: Double, seed: UInt32) -> [Sample] {
        let n = max(0, n)
        let outerCount = n / 2
        let innerCount = n - outerCount
        let outer = linspace(0, .pi, count: outerCount).map { t in
            Sample(x: SIMD2(cos(t), sin(t)), y: 0)
        }
        // sklearn's order of operations: `1 - cos(t)` and `(1 - sin(t)) - 0.5`.
        let inner = linspace(0, .pi, count: innerCount).map { t in
            Sample(x: SIMD2(1 - cos(t), 1 - sin(t) - 0.5), y: 1)
        }
        var rng = NumpyRandomState(seed: seed)
        let points = shuffled(outer + inner, rng: &rng)
        return addingNoise(points, noise: noise, rng: &rng)
    }
}
