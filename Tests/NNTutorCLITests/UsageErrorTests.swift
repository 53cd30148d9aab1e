import Foundation
import XCTest

/// Words that name no command, bad lesson paths, empty compare values, and write errors: each is
/// one line on standard error that names what was wrong and what is accepted, and a non-zero status.
final class UsageErrorTests: XCTestCase {
    func assertError(_ arguments: String, status: Int32 = 64, _ message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try BinaryRunner.shell("\"$NN\" \(arguments)")
        XCTAssertEqual(result.status, status, arguments, file: file, line: line)
        XCTAssertEqual(result.stdout, "", arguments, file: file, line: line)
        XCTAssertEqual(result.stderr, message + "\n", arguments, file: file, line: line)
    }

    func testAWordThatNamesNoCommandIsAnError() throws {
        try assertError("help foo", "nn-tutor: help: no command 'foo'; the commands are lessons, lesson, progress, help (see 'nn-tutor --help')")
        try assertError("help lesson foo", "nn-tutor: help: 'nn-tutor lesson' has no command 'foo'; its commands are check, new, show (see 'nn-tutor lesson --help')")
        try assertError("lesson foo", "nn-tutor: 'nn-tutor lesson' has no command 'foo'; its commands are check, new, show (see 'nn-tutor lesson --help')")
        try assertError("foo", "nn-tutor: no command 'foo'; the commands are lessons, lesson, progress, help (see 'nn-tutor --help')")
        // Help on a command that exists still works.
        for arguments in ["help", "help lesson", "help lesson check", "lesson --help"] {
            let result = try BinaryRunner.shell("\"$NN\" \(arguments)")
            XCTAssertEqual(result.status, 0, arguments)
            XCTAssertTrue(result.stdout.hasPrefix("OVERVIEW: "), arguments)
        }
    }

    func testAUsageErrorInASubcommandPointsToItsHelp() throws {
        try assertError("lesson check", "nn-tutor: give one or more lesson files to check (or --all for the built-in lessons) (see 'nn-tutor lesson check --help')")
        try assertError("lessons --frobnicate", "nn-tutor: Unknown option '--frobnicate' (see 'nn-tutor lessons --help')")
    }

    func testABadLessonPathIsAUsageError() throws {
        try assertError("--plain --lesson /no/such.md", "nn-tutor: --lesson '/no/such.md': cannot read: No such file or directory (see 'nn-tutor --help')")
        try assertError("--lesson /no/such.md", "nn-tutor: --lesson '/no/such.md': cannot read: No such file or directory (see 'nn-tutor --help')")
        try assertError("--plain --lesson /tmp", "nn-tutor: --lesson '/tmp': cannot read: is a directory, not a lesson file (see 'nn-tutor --help')")
    }

    func testAnEmptyCompareValueIsSaidToBeEmpty() throws {
        try assertError("--plain --compare lr=,lr=1", "nn-tutor: in --compare 'lr=': lr is empty: a number greater than 0, such as 0.5 or 1e-3 (see 'nn-tutor --help')")
        try assertError("--plain --compare 'lr= ,lr=1'", "nn-tutor: in --compare 'lr=': lr is empty: a number greater than 0, such as 0.5 or 1e-3 (see 'nn-tutor --help')")
        try assertError("--plain --compare =1,lr=1", "nn-tutor: --compare setting '=1' must be key=value, with key one of dataset, samples, noise, data_seed, test_percent, lr, epochs, seed, hidden, activation, loss, batch, init, mode, bugs, check_gradients (see 'nn-tutor --help')")
    }

    func testEveryPlainOutputToAFullDiskIsOneLineAndNonZero() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full here") }
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("nn-full-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let lesson = VersionTests.repository.appendingPathComponent("lessons/01-forward-pass.md").path
        for (arguments, what) in [
            ("lessons", "the list of lessons"),
            ("lesson check '\(lesson)'", "the check's results"),
            ("--help", "the help"), ("--version", "the version"), ("help lesson", "the help"),
            ("--plain --epochs 2", "the trace"), ("--format jsonl --epochs 2", "the trace"), ("--format csv --epochs 2", "the trace"),
            ("--format jsonl --epochs 0", "the trace"),
            ("--plain --epochs 2 --compare lr=1,lr=2", "the trace"), ("--format csv --epochs 2 --compare lr=1,lr=2", "the trace"),
            ("--plain --lesson 2", "the handout"), ("--format jsonl --lesson 2", "the trace"),
            ("progress", "the progress report"), ("progress --format json", "the progress report"),
            ("lesson show 1", "the lesson"),
        ] {
            let result = try BinaryRunner.shell("\"$NN\" \(arguments) > /dev/full", environment: ["XDG_STATE_HOME": state])
            XCTAssertEqual(result.status, 1, arguments)
            XCTAssertEqual(result.stderr, "nn-tutor: cannot write \(what) to standard output: No space left on device\n", arguments)
        }
    }
}
