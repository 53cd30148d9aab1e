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
