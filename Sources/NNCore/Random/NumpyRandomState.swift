#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// numpy's legacy global generator (`np.random.seed`, `randint`, `randn`, `rand`, `uniform`,
/// `normal`, `shuffle`, `permutation`),
/// reproduced bit for bit so the tutor shows exactly the numbers a learner sees in Jupyter.
///
/// One MT19937 stream is shared by every draw in call order, as in numpy. All integer
/// arithmetic wraps, and no floating-point expression is fused (numpy's C does not fuse).
public struct NumpyRandomState: Sendable {
    private var mt = [UInt32](repeating: 0, count: 624)
    private var position = 624
    /// Marsaglia's polar method makes two normals at a time; numpy returns one and caches the other.
    private var cachedGauss: Double?

    /// `np.random.seed(seed)`: Matsumoto's `init_genrand`.
    public init(seed: UInt32) {
        mt[0] = seed
        for i in 1..<624 {
            mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
        }
        position = 624  // the first draw regenerates the whole block
        cachedGauss = nil
    }

    /// `np.random.seed([k0, k1, …])`: Matsumoto's `init_by_array`, for a seed given as a list.
    public init(key: [UInt32]) {
        self.init(seed: 19_650_218)
        let n = 624
        var i = 1, j = 0
        for _ in 0..<max(n, key.count) {
            let previous = mt[i - 1] ^ (mt[i - 1] >> 30)
            mt[i] = (mt[i] ^ (previous &* 1_664_525)) &+ (key.isEmpty ? 0 : key[j]) &+ UInt32(truncatingIfNeeded: j)
            i += 1
            j += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(n - 1) {
            let previous = mt[i - 1] ^ (mt[i - 1] >> 30)
            mt[i] = (mt[i] ^ (previous &* 1_566_083_941)) &- UInt32(truncatingIfNeeded: i)
            i += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
        }
        mt[0] = 0x8000_0000  // guarantees a non-zero initial state
        position = 624
        cachedGauss = nil
    }

    private mutating func regenerate() {
        for i in 0..<624 {
            let y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % 624] & 0x7FFF_FFFF)
            mt[i] = mt[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908_B0DF : 0)
        }
        position = 0
    }

    /// One tempered 32-bit output of MT19937.
    public mutating func next32() -> UInt32 {
        if position == 624 { regenerate() }
        var y = mt[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Two 32-bit outputs, the first drawn as the high word.
    public mutating func next64() -> UInt64 {
        let high = UInt64(next32())
        let low = UInt64(next32())
        return high << 32 | low
    }

    /// A double in [0, 1) built from 53 random bits (`mt19937_next_double`).
    public mutating func nextDouble() -> Double {
        let a = Double(next32() >> 5)
        let b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// One standard normal draw (`legacy_gauss`, the Marsaglia polar method).
    public mutating func gauss() -> Double {
        if let cached = cachedGauss {
            cachedGauss = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2.0 * nextDouble() - 1.0
            x2 = 2.0 * nextDouble() - 1.0
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1.0 || r2 == 0.0
        // Evaluated in numpy's order: ((-2 * log r2) / r2), then the square root.
        let f = (-2.0 * log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }

    /// `randn(n)`.
    public mutating func randn(_ n: Int) -> [Double] {
        (0..<max(0, n)).map { _ in gauss() }
    }

    /// `rand(n)`.
    public mutating func rand(_ n: Int) -> [Double] {
        (0..<max(0, n)).map { _ in nextDouble() }
    }

    /// `uniform(low, high, n)`: `low + (high - low) * u`, multiply then add.
    public mutating func uniform(_ low: Double, _ high: Double, _ n: Int) -> [Double] {
        let range = high - low
        return (0..<max(0, n)).map { _ in low + range * nextDouble() }
    }

    /// `randint(low, high, size)` with numpy's default int64 dtype: masked rejection sampling,
    /// one fresh 32-bit draw per attempt for spans below 2^32. Returns nil where numpy raises
    /// `ValueError` (low >= high).
    public mutating func randint(_ low: Int64, _ high: Int64, size: Int) -> [Int64]? {
        guard low < high else { return nil }
        let span = UInt64(bitPattern: (high &- 1) &- low)
        let offset = UInt64(bitPattern: low)
        let mask = Self.mask(covering: span)
        var out: [Int64] = []
        out.reserveCapacity(max(0, size))
        for _ in 0..<max(0, size) {
            var v: UInt64
            if span == 0 {
                v = 0  // numpy consumes no draw here
            } else if span == 0xFFFF_FFFF {
                v = UInt64(next32())
            } else if span < 0xFFFF_FFFF {
                repeat { v = UInt64(next32()) & mask } while v > span
            } else if span == UInt64.max {
                v = next64()
            } else {
                repeat { v = next64() & mask } while v > span
            }
            out.append(Int64(bitPattern: offset &+ v))
        }
        return out
    }

    /// `normal(loc, scale, count)`: `loc + scale * gauss`, multiply then add. It shares the
    /// cached second normal with `randn`, as numpy's legacy `normal` does. A `(n, 2)` size is
    /// `2n` draws in C order: row by row, x before y.
    public mutating func normal(loc: Double = 0.0, scale: Double, count: Int) -> [Double] {
        (0..<max(0, count)).map { _ in loc + scale * gauss() }
    }

    /// numpy's `random_interval(max)`: a uniform integer in 0...max by masked rejection, one
    /// fresh draw per attempt (32 bits while max fits, else 64).
    public mutating func randomInterval(_ max: UInt64) -> UInt64 {
        guard max > 0 else { return 0 }  // numpy consumes no draw here
        let mask = Self.mask(covering: max)
        var v: UInt64
        if max <= 0xFFFF_FFFF {
            repeat { v = UInt64(next32()) & mask } while v > max
        } else {
            repeat { v = next64() & mask } while v > max
        }
        return v
    }

    /// `shuffle(a)` of a 1-D array, in place: Fisher–Yates from the last element down, so an
    /// array of one element (or none) draws nothing.
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, through: 1, by: -1) {
            let j = Int(randomInterval(UInt64(i)))
            a.swapAt(i, j)
        }
    }

    /// `permutation(n)`: `shuffle(arange(n))`, the same draws.
    public mutating func permutation(_ n: Int) -> [Int] {
        var indices = Array(0..<max(0, n))
        shuffle(&indices)
        return indices
    }

    /// The smallest all-ones bit mask that covers `m`.
    static func mask(covering m: UInt64) -> UInt64 {
        var m = m
        m |= m >> 1; m |= m >> 2; m |= m >> 4; m |= m >> 8; m |= m >> 16; m |= m >> 32
        return m
    }
}
