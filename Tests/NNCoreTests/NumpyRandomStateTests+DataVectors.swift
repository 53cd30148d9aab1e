import Foundation
import XCTest
@testable import NNCore

/// The calls the data-set generators add (shuffle, normal, linspace), against numpy 2.4.6's
/// published outputs in `numpy-rng-vectors-data.json`, bit for bit.
extension NumpyRandomStateTests {
    struct DataVectors: Decodable {
        struct Case: Decodable {
            var seed: UInt32
            /// numpy calls in order, as written in Python: "shuffle(arange(17))",
            /// "normal(loc=0.0, scale=0.3, size=(17, 2))", "randn(3)".
            var calls: [String]
            var shuffle: [Int]?
            var normal: [String]?
            var randn: [String]?
        }
        struct Linspace: Decodable {
            var start: Double
            var stop: String
            var num: Int
            var endpoint: Bool
            var values: [String]
        }
        var numpy_version: String
        var rng: [Case]
        var linspace: [Linspace]
    }

    func loadDataVectors() throws -> DataVectors {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "numpy-rng-vectors-data", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(DataVectors.self, from: Data(contentsOf: url))
    }

    /// The value after `name=` in a Python call, up to the next top-level comma or parenthesis.
    func argument(_ name: String, in call: String) throws -> String {
        let range = try XCTUnwrap(call.range(of: name + "="), "\(name) in \(call)")
        var text = call[range.upperBound...]
        if text.hasPrefix("(") { text = text.dropFirst() }  // a size tuple: "(17, 2)"
        return String(text.prefix { $0 != "," && $0 != ")" })
    }

    /// Element count of a `size=` argument: "4" or "(17, 2)".
    func sizeCount(in call: String) throws -> Int {
        let range = try XCTUnwrap(call.range(of: "size="), call)
        let text = call[range.upperBound...]
        if text.hasPrefix("(") {
            let inner = text.dropFirst().prefix { $0 != ")" }
            return try inner.split(separator: ",").reduce(1) { product, part in
                product * (try XCTUnwrap(Int(part.trimmingCharacters(in: .whitespaces)), call))
            }
        }
        return try XCTUnwrap(Int(text.prefix { $0.isNumber }), call)
    }

    /// The integer inside the innermost parentheses: "shuffle(arange(17))" → 17, "randn(3)" → 3.
    func innerInteger(_ call: String) throws -> Int {
        let open = try XCTUnwrap(call.lastIndex(of: "("), call)
        return try XCTUnwrap(Int(call[call.index(after: open)...].prefix { $0.isNumber }), call)
    }

    func testEveryDataVectorShuffleNormalRandn() throws {
        let vectors = try loadDataVectors()
        XCTAssertEqual(vectors.numpy_version, "2.4.6")
        XCTAssertEqual(vectors.rng.count, 37)
        var checked = 0
        for testCase in vectors.rng {
            var rng = NumpyRandomState(seed: testCase.seed)
            for call in testCase.calls {
                let label = "seed \(testCase.seed): \(call)"
                if call.hasPrefix("shuffle(arange(") {
                    var a = Array(0..<(try innerInteger(call)))
                    rng.shuffle(&a)
                    XCTAssertEqual(a, try XCTUnwrap(testCase.shuffle, label), label)
                    checked += a.count
                } else if call.hasPrefix("normal(") {
                    let loc = try XCTUnwrap(Double(try argument("loc", in: call)), label)
                    let scale = try XCTUnwrap(Double(try argument("scale", in: call)), label)
                    let got = rng.normal(loc: loc, scale: scale, count: try sizeCount(in: call))
                    let expected = try XCTUnwrap(testCase.normal, label).map(pythonHexDouble)
                    XCTAssertEqual(got.map(\.bitPattern), expected.map(\.bitPattern), label)
                    checked += got.count
                } else if call.hasPrefix("randn(") {
                    let got = rng.randn(try innerInteger(call))
                    let expected = try XCTUnwrap(testCase.randn, label).map(pythonHexDouble)
                    XCTAssertEqual(got.map(\.bitPattern), expected.map(\.bitPattern), label)
                    checked += got.count
                } else {
                    XCTFail("unknown call \(label)")
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testPermutationDrawsLikeShuffleOfArange() throws {
        for testCase in try loadDataVectors().rng {
            guard let expected = testCase.shuffle else { continue }
            var rng = NumpyRandomState(seed: testCase.seed)
            XCTAssertEqual(rng.permutation(expected.count), expected, "seed \(testCase.seed) n \(expected.count)")
        }
    }

    func testEveryDataVectorLinspace() throws {
        let cases = try loadDataVectors().linspace
        XCTAssertEqual(cases.count, 6)
        for c in cases {
            let got = linspace(c.start, try pythonHexDouble(c.stop), count: c.num, endpoint: c.endpoint)
            let expected = try c.values.map(pythonHexDouble)
            XCTAssertEqual(got.map(\.bitPattern), expected.map(\.bitPattern), "linspace(\(c.start), \(c.stop), \(c.num), endpoint=\(c.endpoint))")
        }
    }

    func testRandomIntervalZeroDrawsNothing() {
        var a = NumpyRandomState(seed: 3)
        var b = NumpyRandomState(seed: 3)
        XCTAssertEqual(a.randomInterval(0), 0)
        XCTAssertEqual(a.next32(), b.next32())
        // One-element arrays are left alone without a draw, as in numpy.
        var one = [7]
        a.shuffle(&one)
        XCTAssertEqual(one, [7])
        XCTAssertEqual(a.next32(), b.next32())
    }

    func testRandomIntervalDrawsLikeRandintOverTheSameSpan() throws {
        // Both are numpy's masked rejection over 0...max, so randint (checked against numpy
        // above) pins random_interval too, including the 64-bit path above 2^32 - 1.
        for max: UInt64 in [1, 2, 5, 100, 1023, 0xFFFF_FFFE, 0xFFFF_FFFF, 0x1_0000_0000, 1 << 40] {
            var a = NumpyRandomState(seed: 11)
            var b = NumpyRandomState(seed: 11)
            for _ in 0..<50 {
                let expected = try XCTUnwrap(b.randint(0, Int64(max) + 1, size: 1)?.first)
                XCTAssertEqual(Int64(a.randomInterval(max)), expected, "max \(max)")
            }
        }
    }
}
