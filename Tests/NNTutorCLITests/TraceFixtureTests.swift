import Foundation
import XCTest

/// The traces of the real binary against pinned and independent fixtures.
///
/// Every trace opens with one setup record; everything after it is compared with the fixture
/// byte for byte, and the setup record is checked separately against the flags and the records.
///
/// - `single-*`: the single neuron's trace, as it was before layered networks existed.
/// - `hidden-*`: 2-N-1 traces pinned before the refactor. Today's adds three records a step
///   (`dadz2`, `dL_da1`, `dadz1`); nothing else differs, but for the gradient-check records,
///   which used a fixed h (the references below check today's h).
/// - `reference-*`: traces of an independent Python implementation of the issue's maths
///   (Tests/Reference/mlp_reference.py, plain floats and libm), bit for bit, and also number by number.
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

    /// A run's JSONL: its first line, checked to be the setup record that states `args`, and the
    /// records after it, as they are.
    func trace(_ args: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let result = try BinaryRunner.shell("\"$NN\" --plain --format jsonl \(args)")
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.last, "", "ends with a newline", file: file, line: line)
        let records = Array(lines.dropFirst().dropLast())
        SetupRecordCheck.check(lines[0], states: args, before: records, version: try VersionTests.number(), file: file, line: line)
        return records
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
                // Only the gradient check's records, whose h has changed, may differ, and only in their value.
                let record = try Record(a), pinned = try Record(b)
                XCTAssertEqual(record.header, pinned.header, args)
                XCTAssertTrue(record.name.hasSuffix("_numeric") || record.name.hasSuffix("_rel_error"), "\(args): \(a) vs \(b)")
            }
        }
    }

    func testEveryTraceMatchesTheIndependentReferenceBitForBit() throws {
        let cases = try fixtures("reference-")
        XCTAssertGreaterThanOrEqual(cases.count, 30)
        for (args, expected) in cases {
            let now = try trace(args)
            let reference = expected.split(separator: "\n").map(String.init)
            XCTAssertEqual(now, reference, "\(args): the records after the setup line, byte for byte")
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
        // A value with non-finite numbers holds null in their places, and its "nonfinite" sibling names them.
        var value = String(line[range.upperBound...].dropLast())
        var kinds: [Substring] = []
        if let sibling = value.range(of: #", "nonfinite": "#) {
            kinds = value[sibling.upperBound...].split(whereSeparator: { "[], ".contains($0) })
            value = String(value[..<sibling.lowerBound])
        }
        shape = value.filter { "[]".contains($0) }
        let tokens = value.split(whereSeparator: { "[], ".contains($0) })
        numbers = tokens.enumerated().map { k, token in
            guard token == "null" else { return Double(token) ?? .nan }
            switch k < kinds.count ? kinds[k] : "" {
            case "\"Infinity\"": return .infinity
            case "\"-Infinity\"": return -.infinity
            default: return .nan
            }
        }
    }
}
