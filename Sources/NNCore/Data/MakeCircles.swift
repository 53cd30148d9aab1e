#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GeneratedDataset {
    /// `sklearn.datasets.make_circles(n_samples=n, noise=noise, factor=0.5, random_state=seed)`:
    /// the unit circle (label 0) gets n / 2 points, the circle of radius 0.5 the rest;
    /// shuffled, then jittered.
    static func circles(count n: Int, noise: Double, seed: UInt32) -> [Sample] {
        let factor = 0.5
        let n = max(0, n)
        let outerCount = n / 2
        let innerCount = n - outerCount
        // endpoint: false, so the first point of a circle is not repeated as its last.
        let outer = linspace(0, 2 * .pi, count: outerCount, endpoint: false).map { t in
            Sample(x: SIMD2(cos(t), sin(t)), y: 0)
        }
        let inner = linspace(0, 2 * .pi, count: innerCount, endpoint: false).map { t in
            Sample(x: SIMD2(cos(t) * factor, sin(t) * factor), y: 1)
        }
        var rng = NumpyRandomState(seed: seed)
        let points = shuffled(outer + inner, rng: &rng)
        return addingNoise(points, noise: noise, rng: &rng)
    }
}
