import Foundation
import XCTest
@testable import NNCore

/// Every case of numpy's published stream (numpy 2.4.6, x86-64 Linux), compared bit for bit.
final class NumpyRandomStateTests: XCTestCase {
    struct Vectors: Decodable {
        struct Case: Decodable {
            var name: String
            /// An integer seed, or a list (numpy's init_by_array).
            var seed: Seed
            var calls: [Call]
        }
        /// A JSON number kept exact: 64-bit integers do not fit a Double.
        enum Number: Decodable {
            case integer(Int64)
            case real(Double)
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let n = try? container.decode(Int64.self) { self = .integer(n) } else { self = .real(try container.decode(Double.self)) }
            }
            var int64: Int64? { if case .integer(let n) = self { return n } else { return nil } }
            var double: Double {
                switch self {
                case .integer(let n): return Double(n)
                case .real(let d): return d
                }
            }
        }
        enum Seed: Decodable {
            case integer(UInt32)
            case array([UInt32])
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let n = try? container.decode(UInt32.self) { self = .integer(n) } else { self = .array(try container.decode([UInt32].self)) }
            }
        }
        struct Call: Decodable {
            var op: String
            var low: Number?
            var high: Number?
            var size: Int?
            var n: Int?
            var int: [Int64]?
            var hex: [String]?
        }
        var vectors: [Case]
        /// Raw tempered MT19937 outputs at listed positions of the stream.
        var mt19937_raw_next32: [Raw]

        struct Raw: Decodable {
            var seed: UInt32
            var index: [Int]
            var next32: [UInt32]
        }
    }

    func loadVectors() throws -> Vectors {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "numpy-rng-vectors", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }

    /// Parses Python's `float.hex` ("-0x1.73e1905b3b731p-3") independently of Swift's own parser.
    func double(fromPythonHex text: String) throws -> Double {
        try pythonHexDouble(text)
    }

    func testEveryPublishedVector() throws {
        let vectors = try loadVectors()
        XCTAssertEqual(vectors.vectors.count, 32)
        var checked = 0
        for testCase in vectors.vectors {
            func seeded() -> NumpyRandomState {
                switch testCase.seed {
                case .integer(let n): return NumpyRandomState(seed: n)
                case .array(let key): return NumpyRandomState(key: key)
                }
            }
            var rng = seeded()
            for (i, call) in testCase.calls.enumerated() {
                let label = "\(testCase.name) call \(i) \(call.op)"
                switch call.op {
                case "seed":
                    // Seeding again mid-stream: the state restarts and the cached normal is dropped.
                    rng = seeded()
                case "randint":
                    let expected = try XCTUnwrap(call.int, label)
                    // randint(h) means randint(0, h); no size means one scalar draw.
                    let first = try XCTUnwrap(call.low?.int64, label)
                    let (low, high) = call.high == nil ? (0, first) : (first, try XCTUnwrap(call.high?.int64, label))
                    let got = rng.randint(low, high, size: call.size ?? 1)
                    XCTAssertEqual(got, expected, label)
                    checked += expected.count
                case "randn", "rand", "uniform":
                    let expected = try XCTUnwrap(call.hex, label).map(double(fromPythonHex:))
                    let n = call.n ?? call.size ?? 1
                    let got: [Double]
                    switch call.op {
                    case "randn": got = rng.randn(n)
                    case "rand": got = rng.rand(n)
                    default: got = rng.uniform(try XCTUnwrap(call.low).double, try XCTUnwrap(call.high).double, n)
                    }
                    XCTAssertEqual(got.map(\.bitPattern), expected.map(\.bitPattern), label)
                    checked += expected.count
                default:
                    XCTFail("unknown op \(call.op) in \(label)")
                }
            }
        }
        XCTAssertGreaterThan(checked, 300)
    }

    func testEveryKindOfCaseIsCovered() throws {
        let vectors = try loadVectors()
        XCTAssertTrue(vectors.vectors.contains { if case .array = $0.seed { return true } else { return false } })
        let ops = Set(vectors.vectors.flatMap { $0.calls.map(\.op) })
        XCTAssertEqual(ops, ["seed", "randint", "randn", "rand", "uniform"])
    }

    func testRawMT19937OutputsAtEveryListedPosition() throws {
        let raw = try loadVectors().mt19937_raw_next32
        XCTAssertFalse(raw.isEmpty)
        for stream in raw {
            var rng = NumpyRandomState(seed: stream.seed)
            var outputs: [UInt32] = []
            for _ in 0...(stream.index.max() ?? 0) { outputs.append(rng.next32()) }
            XCTAssertEqual(stream.index.map { outputs[$0] }, stream.next32, "seed \(stream.seed)")
        }
    }

    func testNotebookDrawForSeed42() {
        // The notebook's printed values for np.random.seed(42).
        let draw = NetworkDraw(seed: 42, architecture: Architecture())
        XCTAssertEqual(draw.X, SIMD2(0, 1))
        XCTAssertEqual(draw.parameters, [-1.1118801180469204, 0.31890218468938336, 0.2790412922001377])
    }

    func testRandintRejectsEmptyRangeLikeNumpy() {
        var rng = NumpyRandomState(seed: 1)
        XCTAssertNil(rng.randint(2, 2, size: 1))
        XCTAssertEqual(rng.randint(5, 6, size: 3), [5, 5, 5])  // span 0 consumes no draw
    }

    func testMTMatchesReferenceFirstOutput() {
        // Matsumoto & Nishimura's reference: init_genrand(5489) first output is 3499211612.
        var rng = NumpyRandomState(seed: 5489)
        XCTAssertEqual(rng.next32(), 3_499_211_612)
    }
}
