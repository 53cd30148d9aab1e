import Foundation
import XCTest

/// A lesson's experiment driven as a learner would, in tmux: open the chooser at the stop, pick a
/// value, see both runs, go on to the next stop, close it.
final class ExperimentEndToEndTests: XCTestCase {
    /// A lesson whose first stop offers `try: lr 0.05, 0.5, 5` (also read by the app's own tests).
    static let lessonPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/experiment.md").path


    func testPickAValueSeeBothRunsAndContinue() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nn-experiment-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }

        let session = try TmuxSession(width: 100, height: 30)
        try session.type("XDG_STATE_HOME='\(dir)/state' \"$NN\" --lesson '\(Self.lessonPath)'; echo status=$?")
        XCTAssertNotNil(try session.waitFor("Steps of different sizes."), session.capture())
        try session.keys("]")
        XCTAssertNotNil(try session.waitFor("t try lr"), session.capture())
        try session.keys("t")
        let chooser = try XCTUnwrap(try session.waitFor("Enter run"), session.capture())
        XCTAssertTrue(chooser.contains("0.05") && chooser.contains("(the lesson's)"), chooser)
        try session.keys("Down", "Down", "Enter")
        let both = try XCTUnwrap(try session.waitFor("experiment: lr 0.5 (the lesson) vs lr 5"), session.capture())
        XCTAssertTrue(both.contains("Stop 1 of 2"), both)
        XCTAssertTrue(both.contains("lr 5 · η 5"), "the variant's own column:\n\(both)")
        try session.keys("]")
        XCTAssertNotNil(try session.waitFor("Stop 2 of 2"), session.capture())
        XCTAssertTrue(session.capture().contains("experiment: lr 0.5"), "both runs still shown:\n\(session.capture())")
        try session.keys("x")
        XCTAssertNotNil(try session.waitFor("experiment closed"), session.capture())
        try session.keys("q")
        XCTAssertNotNil(try session.waitFor("status=0"), session.capture())
        try session.assertTerminalRestored()
    }
}
