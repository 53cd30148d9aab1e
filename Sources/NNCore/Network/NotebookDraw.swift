/// What the notebook draws from numpy's seeded stream, in its order:
/// `np.random.seed(seed)`, `X = randint(0, 2, size=2)`, `W = randn(2)`, `b = randn(1)`.
public struct NotebookDraw: Sendable, Equatable {
    public var X: SIMD2<Double>
    public var W: SIMD2<Double>
    public var b: Double

    public init(seed: UInt32) {
        var rng = NumpyRandomState(seed: seed)
        let x = rng.randint(0, 2, size: 2) ?? [0, 0]  // 0 < 2, so numpy never raises here
        X = SIMD2(Double(x[0]), Double(x[1]))
        let w = rng.randn(2)
        W = SIMD2(w[0], w[1])
        b = rng.gauss()
    }
}

/// The starting weights of a 2-N-1 network, drawn from the same seeded stream in this order:
/// `np.random.seed(seed)`, `X = randint(0, 2, size=2)`, `W1 = randn(N, 2)` (row-major: unit 0's
/// two weights first), `b1 = randn(N)`, `W2 = randn(N)`, `b2 = randn(1)`.
public struct HiddenLayerDraw: Sendable, Equatable {
    public var X: SIMD2<Double>
    public var network: HiddenLayerNetwork

    public init(seed: UInt32, units: Int) {
        var rng = NumpyRandomState(seed: seed)
        let x = rng.randint(0, 2, size: 2) ?? [0, 0]
        X = SIMD2(Double(x[0]), Double(x[1]))
        let W1 = rng.randn(2 * units)
        let b1 = rng.randn(units)
        let W2 = rng.randn(units)
        let b2 = rng.gauss()
        network = HiddenLayerNetwork(W1: W1, b1: b1, W2: W2, b2: b2)
    }
}
