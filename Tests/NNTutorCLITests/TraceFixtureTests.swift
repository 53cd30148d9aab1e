import Foundation
import XCTest

/// The traces of the real binary against pinned and independent fixtures.
///
/// - `single-*`: the single neuron's trace, byte for byte, as it was before layered networks existed.
/// - `hidden-*`: 2-N-1 traces pinned before the refactor. Today's adds three records a step
///   (`dadz2`, `dL_da1`, `dadz1`) and may flip the sign of an exact zero; nothing else may differ.
///   (Their gradient-check records used a fixed h; the references below check today's h.)
/// - `reference-*`: traces of an independent Python implementation of the issue's maths
///   (Tests/Reference/mlp_reference.py, plain floats and libm), compared number by number, bit for bit.
final class TraceFixtureTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func fixtures(_ prefix: String) throws -> [(args: String, expected: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".args") }.sorted()
        return try names.map { name in
            let args = try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let expected = try String(contentsOf: Self.fixtures.appendingPathComponent(name.replacingOccurrences(of: ".args", with: ".jsonl")), encoding: .utf8)
            return (args, expected)
        }
    }

    /// The trace records of a run, without the setup record that opens it.
    func trace(_ args: String) throws -> [String] {
        let result = try BinaryRunner.shell("\"$NN\" --plain --format jsonl \(args)")
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.split(separator: "\n").map(String.init).filter { !$0.contains(#""phase": "setup""#) }
    }

    func testTheSingleNeuronTraceIsUnchanged() throws {
        let cases = try fixtures("single-")
        XCTAssertEqual(cases.count, 5)
        for (args, expected) in cases {
            XCTAssertEqual(try trace(args), expected.split(separator: "\n").map(String.init), "trace of `\(args)` changed")
        }
    }

    func testTwoNOneTracesChangeOnlyByTheThreeNewRecords() throws {
        let cases = try fixtures("hidden-")
        XCTAssertEqual(cases.count, 5)
        for (args, expected) in cases {
            let added = ["dadz2", "dL_da1", "dadz1"].map { #""name": "\#($0)""# }
            let now = try trace(args).filter { line in !added.contains { line.contains($0) } }
            let before = expected.split(separator: "\n").map(String.init)
            XCTAssertEqual(now.count, before.count, args)
            for (a, b) in zip(now, before) where a != b {
                let record = try Record(a), pinned = try Record(b)
                XCTAssertEqual(record.header, pinned.header, args)
                if record.name.hasSuffix("_numeric") || record.name.hasSuffix("_rel_error") { continue }
                // Only an exact zero may change its sign.
                XCTAssertEqual(record.numbers.count, pinned.numbers.count)
                for (x, y) in zip(record.numbers, pinned.numbers) where x.bitPattern != y.bitPattern {
                    XCTAssertTrue(x == 0 && y == 0, "\(args): \(a) vs \(b)")
                }
            }
        }
    }

    func testEveryTraceMatchesTheIndependentReferenceBitForBit() throws {
        let cases = try fixtures("reference-")
        XCTAssertGreaterThanOrEqual(cases.count, 30)
        for (args, expected) in cases {
            let now = try trace(args)
            let reference = expected.split(separator: "\n").map(String.init)
            XCTAssertEqual(now.count, reference.count, args)
            for (a, b) in zip(now, reference) {
                let record = try Record(a), wanted = try Record(b)
                XCTAssertEqual(record.header, wanted.header, args)
                XCTAssertEqual(record.shape, wanted.shape, "\(args): \(a)")
                XCTAssertEqual(record.numbers.map(\.bitPattern), wanted.numbers.map(\.bitPattern), "\(args): \(a) vs \(b)")
            }
        }
    }
}

/// One JSONL record read exactly: its keys other than the value, the value's nesting, and its numbers
/// parsed with Swift's correctly rounded `Double(String)` (Linux Foundation's JSON parser rounds some).
struct Record {
    var header: String
    var name: String
    var shape: String
    var numbers: [Double]

    init(_ line: String) throws {
        guard let range = line.range(of: #", "value": "#) else { throw CocoaError(.coderReadCorrupt) }
        header = String(line[..<range.lowerBound])
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        name = object?["name"] as? String ?? ""
        let value = String(line[range.upperBound...].dropLast())
        shape = value.filter { "[]".contains($0) }
        numbers = value.split(whereSeparator: { "[], ".contains($0) }).map { token in
            switch token {
            case "\"NaN\"": return .nan
            case "\"Infinity\"": return .infinity
            case "\"-Infinity\"": return -.infinity
            default: return Double(token) ?? .nan
            }
        }
    }
}
