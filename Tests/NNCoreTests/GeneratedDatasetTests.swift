import Foundation
import XCTest
@testable import NNCore

/// Every generated data set against real scikit-learn 1.9.1 / numpy 2.4.6 output
/// (`Fixtures/datasets/datasets.json`, written by `make_fixtures.py`).
final class GeneratedDatasetTests: XCTestCase {
    struct Fixture: Decodable {
        struct Case: Decodable {
            var name: String
            var n: Int
            var noise: Double
            var seed: UInt32
            /// Each point as a `float.hex` pair.
            var X: [[String]]
            var y: [Int]
        }
        struct LibmCount: Decodable {
            var values: Int
            var differ_from_libm: Int
        }
        var sklearn_version: String
        var numpy_version: String
        var libm_check: [String: LibmCount]
        var noise_none_vs_zero_differences: Int
        var cases: [Case]
    }

    /// Decoded once: the file is 1.8 MB and several tests read it.
    nonisolated(unsafe) static var cachedFixture: Fixture?

    func loadFixture() throws -> Fixture {
        if let fixture = Self.cachedFixture { return fixture }
        let url = try XCTUnwrap(Bundle.module.url(forResource: "datasets", withExtension: "json", subdirectory: "Fixtures/datasets"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        Self.cachedFixture = fixture
        return fixture
    }

    struct Comparison {
        var values = 0
        var bitExact = 0
        var maxDifference = 0.0
    }

    /// Compares one case: labels exactly, coordinates within 1e-12, counting bit-exact values.
    func compare(_ c: Fixture.Case, into tally: inout Comparison) throws {
        let label = "\(c.name) n=\(c.n) noise=\(c.noise) seed=\(c.seed)"
        let kind = try XCTUnwrap(GeneratedDataset(rawValue: c.name), label)
        let got = kind.samples(count: c.n, noise: c.noise, seed: c.seed)
        XCTAssertEqual(got.count, c.n, label)
        XCTAssertEqual(c.X.count, c.n, label)
        XCTAssertEqual(got.map(\.y), c.y.map(Double.init), label)
        for (i, (sample, pair)) in zip(got, c.X).enumerated() {
            XCTAssertEqual(pair.count, 2, label)
            for (axis, text) in pair.enumerated() {
                let expected = try pythonHexDouble(text)
                let value = sample.x[axis]
                let difference = abs(value - expected)
                tally.values += 1
                if value.bitPattern == expected.bitPattern { tally.bitExact += 1 }
                tally.maxDifference = max(tally.maxDifference, difference)
                XCTAssertLessThanOrEqual(difference, 1e-12, "\(label) row \(i) axis \(axis): \(value) vs \(expected)")
            }
        }
    }

    func testEveryFixtureCaseMatchesScikitLearn() throws {
        let fixture = try loadFixture()
        XCTAssertEqual(fixture.sklearn_version, "1.9.1")
        XCTAssertEqual(fixture.numpy_version, "2.4.6")
        XCTAssertEqual(fixture.cases.count, 333)
        var byName: [String: Comparison] = [:]
        for c in fixture.cases {
            try compare(c, into: &byName[c.name, default: Comparison()])
        }
        XCTAssertEqual(Set(byName.keys), Set(GeneratedDataset.allCases.map(\.rawValue)))
        for name in byName.keys.sorted() {
            let t = byName[name, default: Comparison()]
            print("GeneratedDatasetTests: \(name): \(t.bitExact) of \(t.values) coordinates bit-exact, max |difference| \(t.maxDifference)")
        }
    }

    func testBlobsAreBitExactEverywhere() throws {
        // make_blobs uses no libm at all (only MT19937, the polar method's log, and + and *),
        // so no platform difference can excuse a single bit.
        var tally = Comparison()
        for c in try loadFixture().cases where c.name == "blobs" {
            try compare(c, into: &tally)
        }
        XCTAssertGreaterThan(tally.values, 0)
        XCTAssertEqual(tally.bitExact, tally.values)
    }

    #if canImport(Glibc)
    func testSinCosMatchNumpyBitForBitOnGlibc() throws {
        // numpy ≥ 1.25 computes float64 sin/cos with the platform libm (its AVX-512 kernels were
        // disabled), so on Linux every coordinate of every case should be bit-exact, not just close.
        let fixture = try loadFixture()
        XCTAssertEqual(fixture.libm_check["sin"]?.differ_from_libm, 0)
        XCTAssertEqual(fixture.libm_check["cos"]?.differ_from_libm, 0)
        var tally = Comparison()
        for c in fixture.cases { try compare(c, into: &tally) }
        XCTAssertEqual(tally.bitExact, tally.values)
    }
    #endif

    func testFixtureCoversTheRequiredGrid() throws {
        let cases = try loadFixture().cases
        XCTAssertEqual(Set(cases.map(\.seed)).isSuperset(of: [0, 1, 42, 4_294_967_295]), true)
        XCTAssertTrue(Set(cases.map(\.n)).isSuperset(of: [2, 3, 7, 100, 101, 1000, 10000]))
        XCTAssertTrue(Set(cases.map(\.noise)).isSuperset(of: [0, 0.05, 0.3, 1.0]))
    }

    func testNoiseZeroMatchesNoiseNone() throws {
        // sklearn's noise=None draws nothing; noise=0.0 draws and adds 0.0. The fixture script
        // checked that the points never differ, so σ = 0 here means "no noise" exactly.
        XCTAssertEqual(try loadFixture().noise_none_vs_zero_differences, 0)
    }

    func testDefaultNoise() {
        XCTAssertEqual(GeneratedDataset.moons.defaultNoise, 0.1)
        XCTAssertEqual(GeneratedDataset.circles.defaultNoise, 0.1)
        XCTAssertEqual(GeneratedDataset.blobs.defaultNoise, 0.5)
        XCTAssertEqual(GeneratedDataset.spiral.defaultNoise, 0.05)
        XCTAssertEqual(GeneratedDataset.allCases.map(\.rawValue), ["moons", "circles", "blobs", "spiral"])
    }

    func testClassSizesFollowEachGenerator() {
        // moons, circles and spiral give label 1 the odd point; make_blobs gives it to center 0.
        for kind in GeneratedDataset.allCases {
            let samples = kind.samples(count: 7, noise: kind.defaultNoise, seed: 3)
            let ones = samples.filter { $0.y == 1 }.count
            XCTAssertEqual(ones, kind == .blobs ? 3 : 4, kind.rawValue)
            XCTAssertEqual(samples.filter { $0.y == 0 }.count, 7 - ones, kind.rawValue)
        }
    }

    func testSameSeedSameSamplesAndSizesAtTheLimits() {
        for kind in GeneratedDataset.allCases {
            let a = kind.samples(count: 10_000, noise: kind.defaultNoise, seed: 4_294_967_295)
            XCTAssertEqual(a, kind.samples(count: 10_000, noise: kind.defaultNoise, seed: 4_294_967_295))
            XCTAssertEqual(a.count, 10_000)
            XCTAssertTrue(a.allSatisfy { $0.x.x.isFinite && $0.x.y.isFinite })
            XCTAssertEqual(kind.samples(count: 0, noise: 0.1, seed: 0), [])
        }
    }
}
