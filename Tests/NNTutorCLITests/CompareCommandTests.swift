import Foundation
import XCTest

final class CompareCommandTests: XCTestCase {
    func testPlainCompareIsTwoAlignedColumns() throws {
        let result = try BinaryRunner.shell("\"$NN\" --plain --compare lr=0.5,lr=0.001 --dataset or --epochs 2 --every 1")
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
        XCTAssertTrue(lines.allSatisfy { $0.contains(" │ ") }, "every line has both columns")
        XCTAssertTrue(lines[0].hasPrefix("run lr=0.5 ") && lines[0].hasSuffix("run lr=0.001"), lines[0])
        // Step 0 (x = (0, 0), y = 0): ∂L/∂b = 0.2792 in both runs; by hand
        // b ← 0.2790 − 0.5·0.2792 = 0.1394 on the left and 0.2790 − 0.001·0.2792 = 0.2788 on the right.
        let update = try XCTUnwrap(lines.first { $0.contains("b ← b − η·∂L/∂b") })
        let halves = update.components(separatedBy: " │ ")
        XCTAssertTrue(halves[0].contains("= 0.1394"), update)
        XCTAssertTrue(halves[1].contains("= 0.2788"), update)
        XCTAssertTrue(result.stdout.contains("Summary: loss per epoch"))
    }

    func testNotebookAgainstCorrectedSaysWhichDiverged() throws {
        let result = try BinaryRunner.shell("\"$NN\" --plain --compare mode=corrected,mode=notebook --epochs 200")
        XCTAssertEqual(result.status, 0, result.stderr)
        let verdict = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.contains("diverged") }).components(separatedBy: " │ ")
        XCTAssertFalse(verdict[0].contains("diverged"), "the corrected run does not diverge")
        XCTAssertTrue(verdict[1].contains("The run diverged"), "the notebook's run climbs the loss")
    }

    func testBadComparisonsAreUsageErrors() throws {
        for (arguments, mentions) in [
            ("--compare lr=0.5", "two settings"),
            ("--compare speed=1,lr=2", "unknown key 'speed'"),
            ("--compare lr=,lr=1", "lr is empty"),
            ("--compare lr=0,lr=1", "bad lr '0'"),
            ("--compare hidden=17,hidden=2", "bad hidden '17'"),
            ("--compare activation=tanh,activation=relu", "add --hidden N"),
        ] {
            let result = try BinaryRunner.shell("\"$NN\" --plain \(arguments)")
            XCTAssertEqual(result.status, 64, arguments)
            XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
            XCTAssertTrue(result.stderr.contains(mentions), "\(arguments): \(result.stderr)")
        }
    }
}

/// `--compare` with `--format jsonl|csv`: both runs, each record naming its run, and the same
/// records as each run alone.
final class CompareFormatTests: XCTestCase {
    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    func alone(_ flags: String) throws -> [String] {
        let result = try BinaryRunner.shell("\"$NN\" \(flags)")
        XCTAssertEqual(result.status, 0, result.stderr)
        return lines(result.stdout)
    }

    func testJSONLWritesBothSetupRecordsThenEachRunNamed() throws {
        let common = "--format jsonl --dataset notebook --epochs 2"
        let both = try alone("\(common) --compare lr=0.5,lr=0.001")
        let a = try alone("\(common) --lr 0.5"), b = try alone("\(common) --lr 0.001")
        // The setup records first, each the run's own with "run" after "phase"; then the runs in order.
        func named(_ line: String, _ run: String) -> String {
            line.hasPrefix(#"{"phase": "setup", "#)
                ? line.replacingOccurrences(of: #"{"phase": "setup", "#, with: #"{"phase": "setup", "run": "\#(run)", "#)
                : #"{"run": "\#(run)", "# + line.dropFirst()
        }
        XCTAssertEqual(both, [named(a[0], "lr=0.5"), named(b[0], "lr=0.001")]
            + a.dropFirst().map { named($0, "lr=0.5") } + b.dropFirst().map { named($0, "lr=0.001") })
        // By hand: the first update of b, 0.2790… − η·∂L/∂b, in each run.
        for (lr, run) in [(0.5, "lr=0.5"), (0.001, "lr=0.001")] {
            let step = NeuronByHand.run(NeuronByHand.notebook, epochs: 1, lr: lr)[0]
            XCTAssertTrue(both.contains(#"{"run": "\#(run)", "step": 0, "epoch": 0, "sample": 0, "phase": "update", "name": "b", "value": \#(step.updated[2])}"#), run)
        }
    }

    func testCSVWritesOneHeaderForBothRunsAndARunColumn() throws {
        let common = "--format csv --dataset or --epochs 2"
        let both = try alone("\(common) --compare hidden=1,hidden=2")
        let a = try alone("\(common) --hidden 1"), b = try alone("\(common) --hidden 2")
        func body(_ rows: [String]) -> [String] { rows.filter { !$0.hasPrefix("#") } }
        func comments(_ rows: [String]) -> [String] { rows.filter { $0.hasPrefix("#") } }
        XCTAssertEqual(comments(both), [#"# run: "hidden=1""#] + comments(a) + [#"# run: "hidden=2""#] + comments(b))
        // The header: run, then the first run's columns, then those the second adds.
        let headerA = body(a)[0].split(separator: ",").map(String.init), headerB = body(b)[0].split(separator: ",").map(String.init)
        let header = ["run"] + headerA + headerB.filter { !headerA.contains($0) }
        XCTAssertEqual(body(both)[0], header.joined(separator: ","))
        // Each row: the run's own cells under their names, empty where the run has no such column.
        for (run, own, offset) in [("hidden=1", body(a), 1), ("hidden=2", body(b), 1 + body(a).count - 1)] {
            let names = own[0].split(separator: ",").map(String.init)
            for (k, row) in own.dropFirst().enumerated() {
                let cells = Dictionary(uniqueKeysWithValues: zip(names, row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
                let expected = [run] + header.dropFirst().map { cells[$0] ?? "" }
                XCTAssertEqual(body(both)[offset + k], expected.joined(separator: ","), run)
            }
        }
        XCTAssertEqual(body(both).count, 1 + (body(a).count - 1) + (body(b).count - 1))
    }
}
