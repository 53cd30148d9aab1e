// The shortest decimal digits that read back to a given double: Ulf Adams' Ryū
// ("Ryū: fast float-to-string conversion", PLDI 2018), written from the paper.
//
// Why Ryū: it needs only 64×64→128-bit multiplies and two tables, allocates nothing, and,
// like Swift's own formatter, picks among the shortest candidates the one closest to the
// exact value (ties to even), so the two agree digit for digit. ShortestDoubleTests checks
// that against `description` on 1.2 million doubles of every kind (and a throwaway release
// run compared 300 million more).

extension ShortestDouble {
    /// A finite, nonzero double's shortest round-trip digits: the value is `digits × 10^exponent`.
    struct Digits {
        var digits: UInt64
        var exponent: Int
    }

    /// Ryū for a positive finite double given by its raw fields (`ieeeExponent` < 0x7ff and
    /// not both fields zero).
    @inline(__always)
    static func shortest(mantissa ieeeMantissa: UInt64, exponent ieeeExponent: Int) -> Digits {
        // The value is m2 × 2^e2; the extra −2 leaves room for the half-ulp bounds below
        // (4·m2 ± 2) to stay integers.
        let m2: UInt64
        let e2: Int
        if ieeeExponent == 0 {
            m2 = ieeeMantissa
            e2 = 1 - 1023 - 52 - 2
        } else {
            m2 = ieeeMantissa | (1 << 52)
            e2 = ieeeExponent - 1023 - 52 - 2
        }
        // Round-to-nearest-even reading means a decimal exactly on the interval's edge reads
        // back to this double only when its significand is even: then the edges count.
        let acceptBounds = m2 & 1 == 0
        let mv = 4 &* m2
        // At a power of two the gap to the next double down is half the gap up.
        let mmShift: UInt64 = (ieeeMantissa != 0 || ieeeExponent <= 1) ? 1 : 0

        // Step 1: vr, vp, vm = the value and its upper/lower half-way points, times 10^−e10.
        var vr: UInt64
        var vp: UInt64
        var vm: UInt64
        let e10: Int
        var vmIsTrailingZeros = false
        var vrIsTrailingZeros = false
        if e2 >= 0 {
            // mv·2^e2 / 10^q = mv·2^(e2−q) / 5^q. q is one below the most digits that could go,
            // so the rounding digit is still in hand when the loop below stops.
            let q = log10Pow2(e2) &- (e2 > 3 ? 1 : 0)
            e10 = q
            let k = 125 &+ pow5Bits(q) &- 1
            let shift = q &+ k &- e2
            let lo = pow5Inverse[2 &* q], hi = pow5Inverse[2 &* q &+ 1]
            vr = mulShift(mv, lo, hi, shift)
            vp = mulShift(mv &+ 2, lo, hi, shift)
            vm = mulShift(mv &- 1 &- mmShift, lo, hi, shift)
            if q <= 21 {
                // The division above can only be exact for small q (mv < 2^55 < 5^24), and the
                // rounding below must know when it was. At most one of the three is a multiple of 5.
                if mv % 5 == 0 {
                    vrIsTrailingZeros = isMultipleOfPowerOf5(mv, q)
                } else if acceptBounds {
                    vmIsTrailingZeros = isMultipleOfPowerOf5(mv &- 1 &- mmShift, q)
                } else if isMultipleOfPowerOf5(mv &+ 2, q) {
                    // The upper edge is excluded, and exactly representable: step inside.
                    vp &-= 1
                }
            }
        } else {
            // mv·2^e2 / 10^(q+e2) = mv·5^i / 2^q with i = −e2 − q.
            let q = log10Pow5(-e2) &- (-e2 > 1 ? 1 : 0)
            e10 = q &+ e2
            let i = -e2 &- q
            let k = pow5Bits(i) &- 125
            let shift = q &- k
            let lo = pow5[2 &* i], hi = pow5[2 &* i &+ 1]
            vr = mulShift(mv, lo, hi, shift)
            vp = mulShift(mv &+ 2, lo, hi, shift)
            vm = mulShift(mv &- 1 &- mmShift, lo, hi, shift)
            if q <= 1 {
                // mv = 4·m2 has at least two factors of 2, so dividing by 10^q ≤ 10 is exact.
                vrIsTrailingZeros = true
                if acceptBounds {
                    // vm = mv − 1 − mmShift is even (exact) only when mmShift is 1.
                    vmIsTrailingZeros = mmShift == 1
                } else {
                    // vp = mv + 2 is even too, so its edge is exact and excluded.
                    vp &-= 1
                }
            } else if q < 63 {
                // Exactness needs mv to carry q factors of 2 (it has plenty of 5s: −e2 ≥ q).
                vrIsTrailingZeros = mv & ((1 << UInt64(q)) &- 1) == 0
            }
        }

        // Step 2: drop digits while the interval still holds a shorter number, rounding vr.
        var removed = 0
        var lastRemovedDigit: UInt64 = 0
        var output: UInt64
        if vmIsTrailingZeros || vrIsTrailingZeros {
            // Rare exact case: track whether everything dropped was zero, for ties and edges.
            while vp / 10 > vm / 10 {
                vmIsTrailingZeros = vmIsTrailingZeros && vm % 10 == 0
                vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0
                lastRemovedDigit = vr % 10
                vr /= 10
                vp /= 10
                vm /= 10
                removed &+= 1
            }
            if vmIsTrailingZeros {
                // The lower edge itself is a short decimal that reads back: keep shortening.
                while vm % 10 == 0 {
                    vrIsTrailingZeros = vrIsTrailingZeros && lastRemovedDigit == 0
                    lastRemovedDigit = vr % 10
                    vr /= 10
                    vp /= 10
                    vm /= 10
                    removed &+= 1
                }
            }
            if vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0 {
                // Exactly half-way between two candidates: round to even.
                lastRemovedDigit = 4
            }
            let roundUp = (vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5
            output = vr &+ (roundUp ? 1 : 0)
        } else {
            // Common case: no ties possible, so plain round-half-up on the dropped digits.
            var roundUp = false
            if vp / 100 > vm / 100 {
                // Two digits at once first: most doubles need about 16 of their 17 digits.
                roundUp = vr % 100 >= 50
                vr /= 100
                vp /= 100
                vm /= 100
                removed &+= 2
            }
            while vp / 10 > vm / 10 {
                roundUp = vr % 10 >= 5
                vr /= 10
                vp /= 10
                vm /= 10
                removed &+= 1
            }
            // vr == vm: the lower edge is excluded here, so the only candidate is one up.
            output = vr &+ ((vr == vm || roundUp) ? 1 : 0)
        }
        return Digits(digits: output, exponent: e10 &+ removed)
    }

    /// ⌊(m × mul) / 2^shift⌋ for the 128-bit `mul = hi·2^64 + lo`, with 64 < shift < 128.
    @inline(__always)
    static func mulShift(_ m: UInt64, _ lo: UInt64, _ hi: UInt64, _ shift: Int) -> UInt64 {
        // The low 64 bits of m × lo are always shifted out, so only its carry into bit 64 counts.
        let low = m.multipliedFullWidth(by: lo)
        let high = m.multipliedFullWidth(by: hi)
        let (sumLow, carry) = high.low.addingReportingOverflow(low.high)
        let sumHigh = high.high &+ (carry ? 1 : 0)
        let s = UInt64(truncatingIfNeeded: shift &- 64)
        return (sumLow &>> s) | (sumHigh &<< (64 &- s))
    }

    /// ⌊log10(2^e)⌋ for 0 ≤ e ≤ 1650 (78913 / 2^18 ≈ log10 2).
    @inline(__always)
    static func log10Pow2(_ e: Int) -> Int { (e &* 78913) &>> 18 }

    /// ⌊log10(5^e)⌋ for 0 ≤ e ≤ 2620 (732923 / 2^20 ≈ log10 5).
    @inline(__always)
    static func log10Pow5(_ e: Int) -> Int { (e &* 732923) &>> 20 }

    /// The bit length of 5^e (1 for e = 0), for 0 ≤ e ≤ 3528 (1217359 / 2^19 ≈ log2 5).
    @inline(__always)
    static func pow5Bits(_ e: Int) -> Int { ((e &* 1217359) &>> 19) &+ 1 }

    /// Whether 5^p divides `value` (value > 0).
    @inline(__always)
    static func isMultipleOfPowerOf5(_ value: UInt64, _ p: Int) -> Bool {
        var v = value
        var count = 0
        // At most 27 rounds (5^28 > 2^64), and only for doubles between 2^54 and about 2^128.
        while v % 5 == 0 && count < p {
            v /= 5
            count &+= 1
        }
        return count >= p
    }
}
