import XCTest
@testable import NNFormat

/// `ShortestDouble.write` must give `description`'s bytes for every double. Each test feeds one
/// kind of double through `Checker`, which compares without building a String per success.
/// In all about 1.2 million doubles (each test's `Checker.checked`), in about 1.5 s in a debug build.
final class ShortestDoubleTests: XCTestCase {
    /// SplitMix64: tiny, seeded and deterministic, so a failure reproduces exactly.
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        /// Uniform in [0, 1), 53 random bits.
        mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
        /// Uniform in range.
        mutating func uniform(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + unit() * (range.upperBound - range.lowerBound)
        }
        /// Random sign, a power of ten from `exponents`, times a uniform [1, 10): roughly
        /// log-uniform, with no math library needed.
        mutating func logUniform(_ exponents: ClosedRange<Int>) -> Double {
            let e = exponents.lowerBound + Int(next() % UInt64(exponents.count))
            let v = uniform(1...10) * ShortestDoubleTests.powersOfTen[e + 400]
            return next() & 1 == 0 ? v : -v
        }
    }

    /// Compares one double at a time; remembers the count and the first few mismatches.
    final class Checker {
        var checked = 0
        var failures: [String] = []
        var failureCount = 0
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: ShortestDouble.maxLength + 8)

        deinit { buffer.deallocate() }

        func check(_ v: Double) {
            checked += 1
            // Sentinel bytes, also 8 past maxLength, show any stray write.
            for i in 0..<(ShortestDouble.maxLength + 8) { buffer[i] = 0xAA }
            let n = ShortestDouble.write(v, to: buffer)
            var expected = v.description
            let same = expected.withUTF8 { utf8 -> Bool in
                guard utf8.count == n else { return false }
                for i in 0..<n where utf8[i] != buffer[i] { return false }
                return true
            }
            // Nothing may be written past the returned count.
            var clean = n <= ShortestDouble.maxLength
            for i in n..<(ShortestDouble.maxLength + 8) where buffer[i] != 0xAA { clean = false }
            if !same || !clean {
                failureCount += 1
                if failures.count < 20 {
                    let got = String(decoding: UnsafeBufferPointer(start: buffer, count: min(n, ShortestDouble.maxLength)), as: UTF8.self)
                    failures.append("bits 0x\(String(v.bitPattern, radix: 16)): expected \(expected), got \(got) (\(n) bytes\(clean ? "" : ", wrote past count"))")
                }
            }
        }

        func assertAllMatched(file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(failureCount, 0, "\(failureCount) of \(checked) differ:\n" + failures.joined(separator: "\n"), file: file, line: line)
        }
    }

    /// 10^−400 ... 10^400 as parsed (0 and infinity at the ends), indexed by exponent + 400.
    static let powersOfTen: [Double] = (-400...400).map { Double("1e\($0)") ?? 0 }

    /// Checks `v` and `-v`.
    func checkBothSigns(_ v: Double, _ checker: Checker) {
        checker.check(v)
        checker.check(-v)
    }

    /// Zeros, infinities, NaNs of every kind, the extremes, and layout boundaries.
    func testSpecialValues() {
        let checker = Checker()
        let specials: [Double] = [
            0.0, -0.0, .infinity, -.infinity, .nan, -.nan, .signalingNaN, -.signalingNaN,
            Double(nan: 5, signaling: false), Double(nan: 5, signaling: true),
            -Double(nan: 0x1234, signaling: true), Double(bitPattern: 0x7fff_ffff_ffff_ffff),
            Double(bitPattern: 0xffff_ffff_ffff_ffff), Double(bitPattern: 0x7ff0_0000_0000_0001),
            .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNormalMagnitude,
            .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .ulpOfOne, 1.0, -1.0, 0.1, 0.2, 0.3,
            1.0 / 3.0, 2.0 / 3.0, .pi, -.pi, 0.015625, 1e-5, 1e-4, 0.00012345, 123456.0, 1e16, 1e15,
            9.999999999999998e15, 1.7976931348623157e308, 2.2250738585072014e-308,
            -1.1118801180469204, 0.31890218468938336,
        ]
        for v in specials { checker.check(v) }
        checker.assertAllMatched()
        // A few spelled out, so the expected text is visible here and not only via `description`.
        XCTAssertEqual(text(0.0), "0.0")
        XCTAssertEqual(text(-0.0), "-0.0")
        XCTAssertEqual(text(.nan), "nan")
        XCTAssertEqual(text(-.nan), "nan")
        XCTAssertEqual(text(.signalingNaN), "nan")
        XCTAssertEqual(text(-.infinity), "-inf")
        XCTAssertEqual(text(1e-5), "1e-05")
        XCTAssertEqual(text(1e16), "1e+16")
        XCTAssertEqual(text(5e-324), "5e-324")
        XCTAssertEqual(text(0.0001), "0.0001")
        XCTAssertEqual(text(123456.0), "123456.0")
        XCTAssertEqual(text(9007199254740992.0), "9007199254740992.0")
        XCTAssertEqual(text(9007199254740994.0), "9.007199254740994e+15")
        XCTAssertEqual(text(.greatestFiniteMagnitude), "1.7976931348623157e+308")
    }

    func text(_ v: Double) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: ShortestDouble.maxLength) { buffer in
            let n = ShortestDouble.write(v, to: buffer.baseAddress!)
            return String(decoding: buffer[..<n], as: UTF8.self)
        }
    }

    /// 400,000 uniformly random bit patterns: mostly huge and tiny exponents, some NaNs.
    func testRandomBitPatterns() {
        let checker = Checker()
        var rng = SplitMix64(state: 1)
        for _ in 0..<400_000 { checker.check(Double(bitPattern: rng.next())) }
        checker.assertAllMatched()
    }

    /// 450,000 values of the kinds a trace holds: weights and activations, tiny gradients, huge losses.
    func testTypicalRanges() {
        let checker = Checker()
        var rng = SplitMix64(state: 2)
        for _ in 0..<150_000 { checker.check(rng.uniform(-10...10)) }
        for _ in 0..<150_000 { checker.check(rng.logUniform(-20...(-4))) }
        for _ in 0..<150_000 { checker.check(rng.logUniform(10...299)) }
        checker.assertAllMatched()
    }

    /// Every power of ten the type holds, as parsed (the nearest double), with both neighbours.
    func testPowersOfTenAndNeighbours() {
        let checker = Checker()
        for e in -323...308 {
            let v = Double("1e\(e)")!
            for w in [v, v.nextUp, v.nextDown, v.nextUp.nextUp, v.nextDown.nextDown] { checkBothSigns(w, checker) }
        }
        XCTAssertEqual(checker.checked, 632 * 10)
        checker.assertAllMatched()
    }

    /// Every power of two with both neighbours: the lower gap is half the upper one there.
    func testPowersOfTwoAndNeighbours() {
        let checker = Checker()
        for e in -1074...1023 {
            let v = Double(sign: .plus, exponent: e, significand: 1)
            for w in [v, v.nextUp, v.nextDown] { checkBothSigns(w, checker) }
        }
        checker.assertAllMatched()
    }

    /// Subnormals: the smallest and largest few thousand, and 50,000 random ones.
    func testSubnormals() {
        let checker = Checker()
        let largest: UInt64 = 0x000f_ffff_ffff_ffff
        for bits in UInt64(1)...2000 { checker.check(Double(bitPattern: bits)) }
        for bits in (largest - 2000)...largest { checker.check(Double(bitPattern: bits)) }
        var rng = SplitMix64(state: 3)
        for _ in 0..<50_000 { checkBothSigns(Double(bitPattern: rng.next() & largest), checker) }
        XCTAssertEqual(text(Double(bitPattern: largest)), "2.225073858507201e-308")
        checker.assertAllMatched()
    }

    /// Integers within 1000 of 2^53 and 2^54, where description switches to exponential form.
    func testIntegersNearTwoToThe53And54() {
        let checker = Checker()
        for base in [Double(1 << 53), Double(1 << 54)] {
            for offset in -1000...1000 { checkBothSigns(base + Double(offset), checker) }
        }
        checker.assertAllMatched()
    }

    /// Every integral double 0 ... 100,000.
    func testSmallIntegers() {
        let checker = Checker()
        for i in 0...100_000 { checker.check(Double(i)) }
        checker.assertAllMatched()
    }

    /// 60,000 short decimals ("1.2345e-67" parsed): few digits, the rare exact and tie cases.
    func testShortDecimals() {
        let checker = Checker()
        var rng = SplitMix64(state: 4)
        for _ in 0..<60_000 {
            let digits = 1 + Int(rng.next() % 7)
            var mantissa = rng.next() % 10_000_000
            for _ in digits..<7 { mantissa /= 10 }
            let exponent = Int(rng.next() % 640) - 330
            guard let v = Double("\(mantissa)e\(exponent)") else { continue }
            checkBothSigns(v, checker)
        }
        checker.assertAllMatched()
    }

    /// The Int writer against `String(n)`: the extremes, around every power of ten, and 40,000 random.
    func testIntWriter() {
        var values = [0, 1, -1, 9, 10, -10, 99, 100, Int.min, Int.max, Int.min + 1, Int.max - 1]
        var p = 1
        for _ in 0..<18 {
            p *= 10
            values += [p - 1, p, p + 1, -p]
        }
        var rng = SplitMix64(state: 5)
        for _ in 0..<20_000 {
            let r = rng.next()
            // Mix magnitudes: shift away a random number of bits.
            let shifted = Int(bitPattern: UInt(r >> (rng.next() % 64)))
            values.append(r & 1 == 0 ? shifted : 0 &- shifted)
            values.append(Int(bitPattern: UInt(r)))
        }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 20)
        defer { buffer.deallocate() }
        var failures: [String] = []
        for n in values {
            let count = ShortestDouble.write(n, to: buffer)
            let got = String(decoding: UnsafeBufferPointer(start: buffer, count: count), as: UTF8.self)
            if got != String(n) && failures.count < 20 { failures.append("\(n): got \(got)") }
        }
        XCTAssertEqual(failures, [])
    }
}
