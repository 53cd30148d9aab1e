import Foundation
import XCTest

/// The divergence note names what caused the divergence: the starting weights, the dropped minus
/// sign, or the learning rate; never a smaller --lr for a run that was doomed from its start.
final class DivergenceNoteTests: XCTestCase {
    func lastLine(_ flags: String) throws -> String {
        let result = try BinaryRunner.shell("\"$NN\" --plain \(flags)")
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.split(separator: "\n").last.map(String.init) ?? ""
    }

    func testAHugeOrSaturatingInitIsBlamedNotTheLearningRate() throws {
        // AND with W = (100, −100), b = 0: x = (1, 0) has y = 0 but z = 100·1 + (−100)·0 + 0 = 100, so
        // ŷ = σ(100) rounds to 1: misclassified where σ′ = ŷ(1 − ŷ) = 0, from the first step.
        let saturated = try lastLine("--dataset and --init 100,-100,0 --epochs 30")
        XCTAssertTrue(saturated.hasPrefix("  The run was stuck from the start: the starting weights put a misclassified sample where σ is saturated"), saturated)
        XCTAssertTrue(saturated.hasSuffix(" The starting weights gave a misclassified sample z = 100, deep in σ's flat tail: start from smaller ones (--init)."), saturated)
        XCTAssertFalse(saturated.contains("--lr"), saturated)
        // |W| = 10⁷ is huge whatever η is: even with η = 10³⁰⁰ the note blames the start.
        let huge = try lastLine("--dataset and --init 1e7,1e7,0 --lr 1e300 --epochs 30")
        XCTAssertTrue(huge.hasSuffix(" The starting weights were already huge (1e+07 at most): start from smaller ones (--init)."), huge)
        XCTAssertFalse(huge.contains("--lr"), huge)
    }

    func testTheDroppedMinusSignIsBlamedForAClimbingLoss() throws {
        for flags in ["--bug sign --epochs 300", "--mode notebook --epochs 300"] {
            let line = try lastLine("--dataset or \(flags)")
            XCTAssertTrue(line.hasPrefix("  The run diverged: the loss rose from "), line)
            XCTAssertTrue(line.hasSuffix(". The dropped minus sign (--bug sign, part of --mode notebook) makes every step climb the loss: --mode corrected descends it."), line)
        }
    }

    func testAnOvershootIsBlamedOnTheLearningRate() throws {
        let line = try lastLine("--dataset or --lr 1e6 --epochs 20")
        XCTAssertTrue(line.hasPrefix("  The run diverged: a step overshot to "), line)
        XCTAssertTrue(line.hasSuffix(" Try a smaller --lr (it is 1e+06)."), line)
    }

    func testAConvergingRunHasNoNote() throws {
        let line = try lastLine("--dataset or --epochs 300")
        XCTAssertEqual(line, "  4 of 4 samples classified right (ŷ ≥ 0.5 predicts 1)")
    }
}
