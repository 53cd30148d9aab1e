import Foundation
import NNCore
import XCTest

/// The README's table of trace names is the schema's, row for row: each row is this test's
/// rendering of `TraceSchema(setup:)` for one example setup, so a change to the schema shows here.
final class ReadmeTraceNamesTests: XCTestCase {
    static let examples: [(flags: String, setup: TrainingSetup)] = [
        ("(none: the single neuron)", TrainingSetup()),
        ("`--loss cross-entropy`", TrainingSetup(loss: .crossEntropy)),
        ("`--check-gradients`", TrainingSetup(checkGradients: true)),
        ("`--hidden 2`", TrainingSetup(architecture: Architecture(hidden: [2]))),
        ("`--hidden 4,4 --batch 2`", TrainingSetup(architecture: Architecture(hidden: [4, 4]), batch: .of(2))),
        ("`--hidden 2 --check-gradients`", TrainingSetup(architecture: Architecture(hidden: [2]), checkGradients: true)),
        ("`--test-percent 25`", TrainingSetup(testPercent: 25)),
    ]

    /// One row: the flags, then each phase's names in publication order.
    static func row(_ flags: String, _ setup: TrainingSetup) -> String {
        var phases: [(TracePhase, [String])] = []
        for entry in TraceSchema(setup: setup).entries {
            if let last = phases.last, last.0 == entry.phase {
                phases[phases.count - 1].1.append(entry.name)
            } else {
                phases.append((entry.phase, [entry.name]))
            }
        }
        let cells = phases.map { phase, names in
            "\(phase.rawValue): " + names.map { "`\($0)`" }.joined(separator: " ")
        }
        return "| \(flags) | " + cells.joined(separator: "; ") + " |"
    }

    func testTheReadmeListsEachExamplesNamesAsTheSchemaHasThem() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let rows = Self.examples.map { Self.row($0.flags, $0.setup) }
        for row in rows {
            XCTAssertTrue(text.contains(row + "\n"), "the README's trace-name table lacks, or differs from, this row:\n\(row)")
        }
    }
}
