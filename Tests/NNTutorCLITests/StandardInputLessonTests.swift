import Foundation
import XCTest

/// `--lesson -`: the lesson file on standard input. As a handout or a trace it reads like any
/// file; the walkthrough, which needs keys, takes them from the terminal itself.
final class StandardInputLessonTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nn-stdin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func run(_ command: String) throws -> BinaryRunner.Result {
        try BinaryRunner.shell(command, environment: ["XDG_STATE_HOME": directory.appendingPathComponent("state").path])
    }

    func testAHandoutOrTraceFromStandardInputIsTheFilesOwn() throws {
        let path = try write("mine.md", LessonCommandTests.goodLesson)
        for flags in ["--plain", "--format jsonl", "--format csv", "--plain --ascii"] {
            let fromFile = try run("\"$NN\" \(flags) --lesson '\(path)'")
            let fromPipe = try run("cat '\(path)' | \"$NN\" \(flags) --lesson -")
            let redirected = try run("\"$NN\" \(flags) --lesson - < '\(path)'")
            XCTAssertEqual(fromFile.status, 0, fromFile.stderr)
            for result in [fromPipe, redirected] {
                XCTAssertEqual(result.status, 0, "\(flags): \(result.stderr)")
                XCTAssertEqual(result.stderr, "", flags)
                XCTAssertEqual(result.stdout, fromFile.stdout, flags)
            }
        }
        XCTAssertTrue(try run("\"$NN\" --plain --lesson - < '\(path)'").stdout.hasPrefix("Lesson: My own lesson\n"))
    }

    func testAProblemInTheLessonIsReportedAgainstStdin() throws {
        let path = try write("bad.md", "---\nid: bad\ntitle: Bad\nepochs: many\n---\n\n## Stop\nid: s\nat: epoch 0, sample 0, value z\n\nText.\n")
        let result = try run("\"$NN\" --plain --lesson - < '\(path)'")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "<stdin>:4: bad epochs 'many': a whole number from 0 to 1000000000\n")
        let empty = try run("\"$NN\" --plain --lesson - < /dev/null")
        XCTAssertEqual(empty.status, 1)
        XCTAssertTrue(empty.stderr.hasPrefix("<stdin>:1: "), empty.stderr)
    }

    func testOnATerminalTheWalkthroughTakesItsKeysFromTheTerminal() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        let path = try write("mine.md", LessonCommandTests.goodLesson)
        let session = try TmuxSession(width: 120, height: 40)
        let state = directory.appendingPathComponent("state").path
        // The lesson comes down the pipe; the keys (space to step, q to quit) from the terminal.
        try session.type("cat '\(path)' | XDG_STATE_HOME='\(state)' \"$NN\" --lesson -; echo status=$?")
        let screen = try XCTUnwrap(try session.waitFor("My own lesson"), session.capture())
        XCTAssertFalse(screen.contains("Lesson: My own lesson"), "the walkthrough, not the handout:\n\(screen)")
        try session.keys("q")
        XCTAssertNotNil(try session.waitFor("status=0"), session.capture())
        try session.assertTerminalRestored()
        // Typing the lesson at the terminal is not what --lesson - is for: it says so at once.
        try session.type("clear; \"$NN\" --plain --lesson -; echo status=$?")
        let refused = try XCTUnwrap(try session.waitFor("status=64"), session.capture())
        XCTAssertTrue(refused.contains("nn-tutor: --lesson - reads a lesson file from standard input, which is a terminal"), refused)
    }
}
