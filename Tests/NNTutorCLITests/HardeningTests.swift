import Foundation
import XCTest

/// Hostile terminals and signals (in tmux), extreme flags, and lessons that try to be programs, run
/// against the built binary. WalkthroughEndToEndTests already covers q, Ctrl-C during autoplay,
/// SIGTERM and closing the window; these are the rest.
final class HardeningTests: XCTestCase {
    // MARK: The terminal, in tmux

    func tmuxSession(width: Int = 100, height: Int = 30) throws -> TmuxSession {
        guard TmuxSession.isAvailable else {
            print("HardeningTests: terminal test skipped: tmux is not installed (apt-get install tmux)")
            throw XCTSkip("tmux is not installed")
        }
        return try TmuxSession(width: width, height: height)
    }


    func testSIGHUPWithTheWindowStillOpenRestoresTheTerminal() throws {
        let session = try tmuxSession()
        try session.type("\"$NN\" --dataset or --epochs 50; echo status=$?")
        XCTAssertNotNil(try session.waitFor("z = W·x + b"))
        try session.keys("r")  // mid-autoplay
        let pid = try XCTUnwrap(try session.childPID())
        _ = try BinaryRunner.shell("kill -HUP \(pid)")
        XCTAssertNotNil(try session.waitFor("status=129"), session.capture())
        try session.assertTerminalRestored()
    }

    func testAResizeStormEndsWithPanelsForTheFinalSize() throws {
        let session = try tmuxSession()
        try session.type("\"$NN\" --dataset or --epochs 50")
        XCTAssertNotNil(try session.waitFor("z = W·x + b"))
        try session.keys("r")  // autoplay keeps drawing during the storm
        // 50 resizes, through every size class (too small, 80×24, large), as fast as tmux takes them.
        let start = Date()
        // One tmux client per resize, paced so the program sees each one (about 25 ms apart).
        let sizes = (1...50).map { i in "\(40 + (i * 37) % 140)x\(10 + (i * 13) % 45)" }.joined(separator: " ")
        let storm = try BinaryRunner.shell(
            "for s in \(sizes) 120x40; do tmux -L \(session.socket) resize-window -t nn -x ${s%x*} -y ${s#*x} || exit 1; sleep 0.015; done")
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(storm.status, 0, storm.stderr)
        XCTAssertLessThan(seconds, 4, "the storm took \(seconds) s")
        print("HardeningTests: 51 resizes in " + String(format: "%.2f s", seconds))
        try session.keys("r")  // pause, so the screen settles
        _ = try session.settled()
        let pane = try XCTUnwrap(try session.waitFor("boundary"), session.capture())
        let lines = pane.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertGreaterThanOrEqual(lines.count, 39)
        // The equations panel spans the full final width: its top border ends in column 120.
        let top = try XCTUnwrap(lines.first { $0.hasPrefix("┌─ equations") }, pane)
        XCTAssertEqual(top.count, 120, top)
        XCTAssertTrue(top.hasSuffix("┐"), top)
        for panel in ["network", "boundary", "loss per epoch"] { XCTAssertTrue(pane.contains(panel), "\(panel):\n\(pane)") }
        XCTAssertFalse(pane.contains("enlarge the terminal"), pane)
        // The status bar is on the last row of the 40.
        XCTAssertTrue(lines.prefix(40).last?.contains("epoch") == true, pane)
        try session.keys("q")
        try session.assertTerminalRestored()
    }

    func testAOneByOneTerminalDoesNotCrashAndRecovers() throws {
        let session = try tmuxSession()
        try session.type("\"$NN\" --dataset xor --epochs 20; echo status=$?")
        XCTAssertNotNil(try session.waitFor("z = W·x + b"))
        try session.resize(width: 1, height: 1)
        usleep(300_000)
        try session.keys("Space", "r", "Right", "?", "Escape", "r")  // keys at 1×1 as well
        usleep(500_000)
        XCTAssertNotNil(try session.childPID(), "still running at 1×1")
        try session.resize(width: 100, height: 30)
        let pane = try XCTUnwrap(try session.waitFor("boundary"), session.capture())
        for panel in ["equations", "network", "loss per epoch"] { XCTAssertTrue(pane.contains(panel), "\(panel):\n\(pane)") }
        try session.keys("q")
        XCTAssertNotNil(try session.waitFor("status=0"), session.capture())
        try session.assertTerminalRestored()
    }

    func testStartingInAOneByOneTerminal() throws {
        let session = try tmuxSession()
        try session.type("sleep 1; \"$NN\" --dataset and --epochs 20; echo status=$?")
        try session.resize(width: 1, height: 1)  // before the program starts
        usleep(1_800_000)
        XCTAssertNotNil(try session.childPID(), "still running, started at 1×1")
        try session.resize(width: 100, height: 30)
        XCTAssertNotNil(try session.waitFor("boundary"), session.capture())
        try session.keys("q")
        XCTAssertNotNil(try session.waitFor("status=0"), session.capture())
        try session.assertTerminalRestored()
    }

    /// Runs `command` in the pane, recording every byte it writes; returns the pane and those bytes.
    func runRecorded(_ session: TmuxSession, _ command: String, until marker: String) throws -> (pane: String, bytes: [UInt8]) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("nn-pane-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        try session.tmux("pipe-pane -t nn 'cat >> \(log)'")
        // Quoted apart, so the typed command line itself never matches the marker.
        try session.type(command + "; echo \"\(marker.prefix(1))\"\"\(marker.dropFirst())=$?\"")
        let pane = try XCTUnwrap(try session.waitFor("\(marker)=", timeout: 30), session.capture())
        try session.tmux("pipe-pane -t nn")
        usleep(200_000)
        return (pane, Array((try? Data(contentsOf: URL(fileURLWithPath: log))) ?? Data()))
    }

    /// Escape sequences in the recorded bytes, apart from what bash itself sends (bracketed paste).
    func escapes(_ bytes: [UInt8]) -> [String] {
        var text = String(decoding: bytes, as: UTF8.self)
        for allowed in ["\u{1B}[?2004h", "\u{1B}[?2004l"] { text = text.replacingOccurrences(of: allowed, with: "") }
        return text.components(separatedBy: "\u{1B}").dropFirst().map { String($0.prefix(12)).debugDescription }
    }

    func testDumbUnsetAndUnknownTERMFallBackToPlainWithOneLine() throws {
        let session = try tmuxSession()
        let cases: [(String, String)] = [
            ("TERM=dumb", "TERM=dumb cannot draw a full screen"),
            ("env -u TERM", "TERM is not set"),
            ("TERM=no-such-terminal-xyz", "unknown to ncurses"),
        ]
        for (i, (prefix, reason)) in cases.enumerated() {
            try session.type("clear")
            let (pane, bytes) = try runRecorded(session, "\(prefix) \"$NN\" --dataset or --epochs 2", until: "status\(i)")
            XCTAssertTrue(pane.contains("status\(i)=0"), "\(prefix): exit status 0 for the fallback:\n\(pane)")
            // Everything the pane received, not just what is still visible after the trace scrolled by.
            let output = String(decoding: bytes, as: UTF8.self)
            XCTAssertTrue(output.contains(reason + ", so printing the plain text trace instead"), "\(prefix): the reason in one line:\n\(output)")
            XCTAssertTrue(output.contains("z = W·x + b") && output.contains("Summary after 2 epochs"), "\(prefix): the plain trace:\n\(output)")
            XCTAssertEqual(escapes(bytes), [], "\(prefix): no escape codes")
            let flags = try session.tmux("display -p -t nn '#{alternate_on}'").stdout
            XCTAssertEqual(flags.trimmingCharacters(in: .whitespacesAndNewlines), "0")
        }
        try session.assertTerminalRestored()
    }

    func testStdinNotATerminalFallsBackWithANoteAndNeverHangs() throws {
        let session = try tmuxSession()
        let start = Date()
        // No flags: the course would open; without a terminal on stdin, the plain trace instead.
        let (pane, bytes) = try runRecorded(session, "\"$NN\" < /dev/null > /tmp/nn-stdin-$$.txt; cat /tmp/nn-stdin-$$.txt | head -3; rm -f /tmp/nn-stdin-$$.txt", until: "done")
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
        let output = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(output.contains("standard input or output is not a terminal"), output)
        XCTAssertTrue(pane.contains("nn-tutor: one neuron learns"), pane)
        XCTAssertEqual(escapes(bytes), [])
        let direct = try runRecorded(session, "\"$NN\" --dataset or --epochs 3 < /dev/null | tail -2", until: "tail")
        XCTAssertTrue(direct.pane.contains("tail=0"), direct.pane)
        XCTAssertEqual(escapes(direct.bytes), [])
        try session.assertTerminalRestored()
    }

    // MARK: Extreme flags

    static let datasets = ["or", "and", "nand", "xor", "notebook"]

    func assertClean(_ command: String, file: StaticString = #filePath, line: UInt = #line) throws -> BinaryRunner.Result {
        let result = try BinaryRunner.shell(command, timeout: 30)
        XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)", file: file, line: line)
        XCTAssertFalse(result.stderr.contains("Fatal error") || result.stderr.contains("Illegal instruction"), "\(command): \(result.stderr)", file: file, line: line)
        return result
    }

    func testExtremeFlagsOnEveryDatasetAndFormatNeverTrap() throws {
        var runs = 0
        for dataset in Self.datasets {
            for format in ["text", "jsonl", "csv"] {
                let plain = "\"$NN\" --plain --format \(format) --dataset \(dataset)"
                for flags in ["--lr 1e308 --epochs 3", "--init 1e308,-1e308,0 --epochs 3", "--init 1e308,-1e308,0 --lr 1e308 --epochs 2 --check-gradients",
                              "--seed 4294967295 --epochs 2", "--epochs 0", "--lr 1e308 --mode notebook --epochs 2", "--lr 4.9e-324 --epochs 1",
                              "--hidden 8 --epochs 3 --check-gradients", "--hidden 8 --lr 1e308 --epochs 3", "--hidden 8 --mode notebook --epochs 2"] {
                    let result = try assertClean("\(plain) \(flags)")
                    runs += 1
                    // Even with nothing to train, each format says what was set up.
                    XCTAssertFalse(result.stdout.isEmpty, "\(plain) \(flags)")
                    if format == "jsonl" {
                        // Non-finite numbers are null (named in "nonfinite"), never bare nan/inf.
                        XCTAssertFalse(result.stdout.contains(": nan") || result.stdout.contains(": inf") || result.stdout.contains("-inf,"), flags)
                        XCTAssertEqual(result.stdout.components(separatedBy: #""phase": "setup""#).count, 2, "one setup record: \(flags)")
                    }
                }
            }
        }
        print("HardeningTests: \(runs) runs with extreme flags")
        let diverged = try assertClean("\"$NN\" --plain --dataset or --lr 1e308 --init 1e308,-1e308,0 --epochs 3")
        XCTAssertTrue(diverged.stdout.contains("Summary"), diverged.stdout)
    }

    func testAHundredMillionEpochsIntoHeadStopsAtOnce() throws {
        // Text prints only some epochs of a long run: it must still notice at once that `head` left.
        let formats = ["jsonl", "csv", "text"]
        for format in formats {
            for extra in ["", "--every 1", "--dataset xor"] where !(format != "text" && extra == "--every 1") {
                let command = "\"$NN\" --plain --format \(format) --epochs 100000000 \(extra) | head -5"
                let start = Date()
                let result = try BinaryRunner.shell(command, timeout: 20)
                let seconds = Date().timeIntervalSince(start)
                XCTAssertEqual(result.status, 0, "\(command): \(result.stderr)")
                XCTAssertEqual(result.stderr, "", command)
                XCTAssertEqual(result.stdout.split(separator: "\n", omittingEmptySubsequences: false).count, 6, "\(command):\n\(result.stdout)")
                XCTAssertLessThan(seconds, 5, "\(command) took \(seconds) s")
            }
        }
    }

    // MARK: Lessons are data

    func testALessonCannotRunCommandsOrTouchFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nn-evil-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pwned = dir + "/pwned"
        let lesson = """
            ---
            id: evil
            title: $(touch \(pwned)) `touch \(pwned)`
            dataset: or
            epochs: 2
            ---

            ## A stop
            id: s
            at: epoch 0, sample 0, value z

            Text with `touch \(pwned)`, $(touch \(pwned)), ${HOME}, %s%s%n and <!-- include: /etc/passwd -->: z = {{z}}.
            """
        try lesson.write(toFile: dir + "/evil.md", atomically: true, encoding: .utf8)
        let handout = try BinaryRunner.shell("cd '\(dir)' && \"$NN\" --plain --lesson ./evil.md --width 400")
        XCTAssertEqual(handout.status, 0, handout.stderr)
        XCTAssertTrue(handout.stdout.contains("$(touch \(pwned))"), "shown verbatim:\n\(handout.stdout)")
        // The title as written; the narrative is Markdown, so its code span is set in quotes.
        XCTAssertTrue(handout.stdout.contains("`touch \(pwned)`"), handout.stdout)
        XCTAssertTrue(handout.stdout.contains("‘touch \(pwned)’"), handout.stdout)
        XCTAssertTrue(handout.stdout.contains("${HOME}, %s%s%n"), handout.stdout)
        XCTAssertFalse(handout.stdout.contains("root:x:0:0"), "no file is read")

        let inBraces = lesson.replacingOccurrences(of: "z = {{z}}", with: "{{$(touch \(pwned))}} {{../../etc/passwd}} {{`id`}}")
        try inBraces.write(toFile: dir + "/braces.md", atomically: true, encoding: .utf8)
        let check = try BinaryRunner.shell("cd '\(dir)' && \"$NN\" lesson check ./braces.md")
        XCTAssertNotEqual(check.status, 0)
        XCTAssertTrue(check.stdout.contains("braces.md:12: ") || check.stderr.contains("braces.md:12: "), check.stdout + check.stderr)

        let traversal = lesson.replacingOccurrences(of: "id: evil", with: "id: ../../etc/passwd").replacingOccurrences(of: "id: s", with: "id: ../../../tmp/x")
        try traversal.write(toFile: dir + "/path.md", atomically: true, encoding: .utf8)
        let bad = try BinaryRunner.shell("cd '\(dir)' && XDG_STATE_HOME='\(dir)/state' \"$NN\" lesson check ./path.md")
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue((bad.stdout + bad.stderr).contains("path.md:2: bad id '../../etc/passwd'"), bad.stdout + bad.stderr)

        XCTAssertFalse(FileManager.default.fileExists(atPath: pwned), "a lesson ran a command")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["braces.md", "evil.md", "path.md"], "nothing else written")
        // And the promise is written down where authors read it.
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("lessons/README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        XCTAssertTrue(text.contains("Lesson files are data only"), "lessons/README.md states that lessons are data")
    }

    func testAPipeOrDeviceIsNeverReadAsALesson() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nn-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("lesson.md").path
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        // `lesson check` reports a file it cannot check (status 1); `--lesson` refuses the argument (64).
        for (command, status) in [("lesson check '\(fifo)'", 1), ("--plain --lesson '\(fifo)'", 64), ("lesson check /dev/zero", 1)] {
            let start = Date()
            let result = try BinaryRunner.shell("\"$NN\" \(command)", timeout: 20)
            XCTAssertEqual(result.status, Int32(status), command)
            XCTAssertTrue(result.stderr.contains("not a regular file"), "\(command): \(result.stderr)")
            XCTAssertLessThan(Date().timeIntervalSince(start), 10, "\(command) must not block on the pipe")
        }
    }
}
