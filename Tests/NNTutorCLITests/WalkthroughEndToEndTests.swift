import Foundation
import XCTest

/// The built binary in a real terminal (tmux), checked at the level of a learner.
final class WalkthroughEndToEndTests: XCTestCase {
    override func setUpWithError() throws {
        guard TmuxSession.isAvailable else {
            print("WalkthroughEndToEndTests skipped: tmux is not installed (apt-get install tmux)")
            throw XCTSkip("tmux is not installed")
        }
    }


    func testALearnerStepsResizesAndQuits() throws {
        let session = try TmuxSession(width: 100, height: 30)
        try session.type("\"$NN\" --dataset or --epochs 50")
        let first = try XCTUnwrap(try session.waitFor("z = W·x + b"), "the walkthrough did not draw")
        for panel in ["equations", "network", "boundary", "loss per epoch", "epoch 0", "sample 0", "forward"] {
            XCTAssertTrue(first.contains(panel), "'\(panel)' on screen:\n\(first)")
        }
        XCTAssertTrue(first.contains("x = (0, 0)"), first)

        try session.keys("Space", "Space", "Space")
        let afterThree = try session.settled()
        XCTAssertTrue(afterThree.contains("step 4 of"), afterThree)
        // x, y, W, b published: the seed-42 starting weights, rounded as a learner reads them.
        XCTAssertTrue(afterThree.contains("W = (−1.1119, 0.3189), b = 0.2790"), afterThree)
        try session.keys("Space")
        _ = try session.settled()
        try session.keys("Left")
        let backAgain = try session.settled()
        XCTAssertEqual(backAgain, afterThree, "one step forward and one back shows the same screen")

        // Step into the backward pass: the chain-rule line gets its numbers.
        try session.keys("Space", "Space", "Space", "Space", "Space", "Space", "Space", "Space")
        let backward = try session.settled()
        XCTAssertTrue(backward.contains("∂L/∂W = ∂L/∂ŷ · ∂ŷ/∂z · ∂z/∂W = ("), backward)

        try session.resize(width: 60, height: 18)
        let small = try XCTUnwrap(try session.waitFor("enlarge the terminal to at least 80×24"), session.capture())
        XCTAssertFalse(small.contains("boundary"))
        try session.resize(width: 100, height: 30)
        XCTAssertNotNil(try session.waitFor("boundary"), "panels return when the terminal grows")

        try session.keys("q")
        try session.assertTerminalRestored()
    }

    func testHelpAndAutoplay() throws {
        let session = try TmuxSession(width: 100, height: 30)
        try session.type("\"$NN\" --dataset or --epochs 50")
        XCTAssertNotNil(try session.waitFor("z = W·x + b"))
        try session.keys("?")
        let help = try XCTUnwrap(try session.waitFor("next / previous epoch"), session.capture())
        XCTAssertTrue(help.contains("quit"))
        try session.keys("Escape")
        try session.keys("r")
        // Autoplay moves on by itself: a later sample appears without more keys.
        XCTAssertNotNil(try session.waitFor("sample 1", timeout: 15), session.capture())
        try session.keys("r", "q")
        try session.assertTerminalRestored()
    }

    func testCtrlCDuringAutoplayRestoresTheTerminal() throws {
        let session = try TmuxSession(width: 100, height: 30)
        try session.type("\"$NN\" --dataset or --epochs 50; echo status=$?")
        XCTAssertNotNil(try session.waitFor("z = W·x + b"))
        try session.keys("r", "+", "+")
        try session.keys("C-c")
        XCTAssertNotNil(try session.waitFor("status=130"), session.capture())
        try session.assertTerminalRestored()
    }

    func testSIGTERMRestoresTheTerminal() throws {
        let session = try TmuxSession(width: 100, height: 30)
        try session.type("\"$NN\" --dataset xor; echo status=$?")
        XCTAssertNotNil(try session.waitFor("z = W·x + b"))
        let pid = try XCTUnwrap(try session.childPID())
        _ = try BinaryRunner.shell("kill -TERM \(pid)")
        XCTAssertNotNil(try session.waitFor("status=143"), session.capture())
        try session.assertTerminalRestored()
    }

    func testACrashStillRestoresTheTerminal() throws {
        // SIGSEGV from outside takes the same path as an internal error: the crash handler
        // restores the terminal, then the process dies of the signal (status 128 + 11).
        let session = try TmuxSession(width: 100, height: 30)
        try session.type("\"$NN\" --dataset or; echo status=$?")
        XCTAssertNotNil(try session.waitFor("z = W·x + b"))
        let pid = try XCTUnwrap(try session.childPID())
        _ = try BinaryRunner.shell("kill -SEGV \(pid)")
        XCTAssertNotNil(try session.waitFor("status=139", timeout: 20), session.capture())
        try session.assertTerminalRestored()
    }

    func testSIGHUPEndsTheProgram() throws {
        let session = try TmuxSession(width: 100, height: 30)
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("nn-hup-\(UUID().uuidString)").path
        // The wrapper ignores HUP itself so it can report how the program ended.
        try session.type("bash -c 'trap \"\" HUP; \"$NN\" --dataset or; echo $? > \(marker)'")
        XCTAssertNotNil(try session.waitFor("z = W·x + b"))
        try session.tmux("kill-window -t nn")
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: marker) && Date() < deadline { usleep(100_000) }
        let status = try? String(contentsOfFile: marker, encoding: .utf8)
        XCTAssertEqual(status?.trimmingCharacters(in: .whitespacesAndNewlines), "129", "exit status after SIGHUP")
        try? FileManager.default.removeItem(atPath: marker)
    }

    func testEightyByTwentyFourShowsEveryPanel() throws {
        let session = try TmuxSession(width: 80, height: 24)
        try session.type("\"$NN\" --dataset and --epochs 20")
        let pane = try XCTUnwrap(try session.waitFor("z = W·x + b"), session.capture())
        for panel in ["equations", "network", "boundary", "loss", "epoch 0"] {
            XCTAssertTrue(pane.contains(panel), "'\(panel)' at 80×24:\n\(pane)")
        }
        try session.keys("q")
        try session.assertTerminalRestored()
    }
}
