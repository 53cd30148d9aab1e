import Foundation
import XCTest

/// The README's jq lines for reading a JSONL trace, run as written (when jq is installed), with
/// the expected values worked out by `NeuronByHand` and by hand. (Its pandas lines are checked
/// by hand: pandas is no dependency of the tests.)
final class ReadmeLinesTests: XCTestCase {
    /// The shell block of the README's `--format jsonl` section, line by line.
    static func jqLines() throws -> [String] {
        let readme = try String(contentsOf: VersionTests.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.components(separatedBy: "### `--format jsonl`").dropFirst().first)
        let block = try XCTUnwrap(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        return block.split(separator: "\n").map(String.init)
    }

    func run(_ lines: [String], in directory: URL) throws -> [String] {
        let binDirectory = URL(fileURLWithPath: BinaryRunner.binary).deletingLastPathComponent().path
        let result = try BinaryRunner.shell("cd '\(directory.path)' && PATH='\(binDirectory)':\"$PATH\" && set -e && " + lines.joined(separator: "\n"))
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func testTheJqLinesReadTheTrace() throws {
        guard (try BinaryRunner.shell("command -v jq")).status == 0 else { throw XCTSkip("jq is not installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nn-readme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = try Self.jqLines()
        XCTAssertEqual(lines.count, 5)
        XCTAssertTrue(lines[0].hasPrefix("nn-tutor --format jsonl --epochs 200 > trace.jsonl"), lines[0])

        // The default run: OR, η = 0.5, 200 epochs.
        let out = try run(lines, in: directory)
        let steps = NeuronByHand.run(NeuronByHand.or, epochs: 200)
        let epochLosses = steps.compactMap(\.epochLoss)
        XCTAssertEqual(out.count, 1 + 200 + 200 + 1)
        XCTAssertEqual(out[0], #"{"version":"\#(try VersionTests.number())","lr":0.5,"architecture":"2-1"}"#)
        // jq may print a number in other digits (1.6 uses 17 significant ones): compared as doubles.
        func numbers(_ lines: ArraySlice<String>) -> [UInt64] { lines.map { (Double($0) ?? .nan).bitPattern } }
        XCTAssertEqual(numbers(out[1...200]), epochLosses.map(\.bitPattern))
        XCTAssertEqual(numbers(out[201...400]), epochLosses.map(\.bitPattern), "all finite: // keeps the value")
        XCTAssertEqual(numbers(out[401...]), [steps.map(\.loss).max()!.bitPattern])

        // Infinite losses. OR with cross-entropy from W = (−800, 40), b = 0: sample 2, x = (1, 0), has
        // z = −800.25 and ŷ = 0, so L = −log 0 = ∞, and each epoch's sum with it.
        _ = try run(["nn-tutor --format jsonl --dataset or --loss cross-entropy --init -800,40,0 --epochs 3 > trace.jsonl"], in: directory)
        let infinite = try run(Array(lines.dropFirst()), in: directory)
        XCTAssertEqual(Array(infinite.prefix(7)), [
            #"{"version":"\#(try VersionTests.number())","lr":0.5,"architecture":"2-1"}"#,
            "null", "null", "null",
            #""Infinity""#, #""Infinity""#, #""Infinity""#,
        ])
        // The largest finite loss ignores the nulls (jq sorts null below every number).
        XCTAssertTrue(Double(infinite[7])?.isFinite == true, infinite[7])
    }
}
