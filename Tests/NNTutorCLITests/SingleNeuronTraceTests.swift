import Foundation
import XCTest

/// The single neuron's trace, byte for byte, as it was before the hidden layer was added.
///
/// The values themselves are proven elsewhere (hand-worked steps, finite differences, numpy's
/// published streams); these files only pin the bytes, so that generalising the network cannot
/// change a single digit of what `nn-tutor` printed for one neuron.
final class SingleNeuronTraceTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func testTheSingleNeuronTraceIsUnchanged() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path)
            .filter { $0.hasPrefix("single-") && $0.hasSuffix(".args") }.sorted()
        XCTAssertEqual(names.count, 5)
        for name in names {
            let args = try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let expected = try String(contentsOf: Self.fixtures.appendingPathComponent(name.replacingOccurrences(of: ".args", with: ".jsonl")), encoding: .utf8)
            let result = try BinaryRunner.shell("\"$NN\" --plain --format jsonl \(args)")
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, expected, "trace of `\(args)` changed")
        }
    }
}
