import Foundation
import XCTest

/// `nn-tutor lessons`, `nn-tutor lesson check` and `--lesson`, run as a user would.
final class LessonCommandTests: XCTestCase {
    var stateHome: URL!
    var work: URL!

    override func setUpWithError() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("nn-tutor-lesson-cli-\(UUID().uuidString)")
        stateHome = base.appendingPathComponent("state")
        work = base.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: stateHome, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: stateHome.deletingLastPathComponent())
    }

    /// Runs with progress and your own lessons kept in the test's own directories, never the real home.
    func run(_ command: String, timeout: TimeInterval = 60) throws -> BinaryRunner.Result {
        try BinaryRunner.shell(command, environment: [
            "XDG_STATE_HOME": stateHome.path,
            "XDG_DATA_HOME": stateHome.deletingLastPathComponent().appendingPathComponent("data").path,
        ], timeout: timeout)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = work.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped lesson files, in course order, with the id, title and last stop heading read straight from the text.
    struct ShippedLesson {
        var path: String
        var id: String
        var title: String
        var lastStopTitle: String
    }

    static func shippedLessons() throws -> [ShippedLesson] {
        let folder = repository.appendingPathComponent("lessons")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".md") && $0.first?.isNumber == true }.sorted()
        return try names.map { name in
            let path = folder.appendingPathComponent(name).path
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            func value(_ key: String) -> String {
                let line = lines.first { $0.hasPrefix(key + ":") } ?? ""
                return line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
            }
            let last = lines.last { $0.hasPrefix("## ") && $0 != "## Key points" }.map { String($0.dropFirst(3)).trimmingCharacters(in: .whitespaces) } ?? ""
            return ShippedLesson(path: path, id: value("id"), title: value("title"), lastStopTitle: last)
        }
    }

    /// 4 decimals with a true minus sign, as the lessons show numbers.
    func four(_ v: Double) -> String {
        String(format: "%.4f", v).replacingOccurrences(of: "-", with: "−")
    }

    // MARK: nn-tutor lessons

    func testLessonsListsEveryBuiltInLessonWithCompletion() throws {
        let shipped = try Self.shippedLessons()
        XCTAssertGreaterThanOrEqual(shipped.count, 8)
        // Mark the second lesson completed, in the progress file format.
        let directory = stateHome.appendingPathComponent("nn-tutor")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let progress = #"{"version": 1, "lessons": {"\#(shipped[1].id)": {"completed": true, "answers": {}}}}"#
        try progress.write(to: directory.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)

        let result = try run("\"$NN\" lessons")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for (i, lesson) in shipped.enumerated() {
            let line = try XCTUnwrap(lines.first { $0.contains(" \(lesson.id) ") }, "\(lesson.id) listed")
            let words = line.split(separator: " ").map(String.init)
            XCTAssertTrue(words.contains(String(i + 1)), "number \(i + 1) in: \(line)")
            XCTAssertTrue(line.hasSuffix(lesson.title), "title in: \(line)")
            XCTAssertEqual(line.contains("✓"), i == 1, "completion mark in: \(line)")
        }
        XCTAssertTrue(lines.last?.contains("nn-tutor --lesson 1") == true, lines.last ?? "")

        let ascii = try run("\"$NN\" lessons --ascii")
        XCTAssertNil(ascii.stdout.unicodeScalars.first { !$0.isASCII })
    }

    func testLessonsWithACorruptProgressFileWarnsInOneLineAndStillLists() throws {
        let directory = stateHome.appendingPathComponent("nn-tutor")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "{ not json".write(to: directory.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
        let result = try run("\"$NN\" lessons")
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("progress"), result.stderr)
        let rows = result.stdout.split(separator: "\n").filter { $0.contains("forward-pass") || $0.contains("gradient-check") }
        XCTAssertEqual(rows.count, 2, result.stdout)
        XCTAssertFalse(rows.contains { $0.contains("✓") }, result.stdout)
    }

    // MARK: nn-tutor lesson check

    func testEveryShippedLessonPassesCheck() throws {
        let shipped = try Self.shippedLessons()
        let paths = shipped.map { "'\($0.path)'" }.joined(separator: " ")
        let result = try run("\"$NN\" lesson check \(paths)")
        XCTAssertEqual(result.status, 0, result.stderr)
        // Warnings do not fail the check; two lessons have one each (see ShippedCourseTests).
        XCTAssertEqual(result.stderr, "", "every shipped lesson checks without a warning")
        XCTAssertEqual(result.stdout, shipped.map { "\($0.path): ok\n" }.joined())

        let all = try run("\"$NN\" lesson check --all")
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertEqual(all.stdout.split(separator: "\n").count, shipped.count)
    }

    func testABadFileGetsExactLinesAndStatus1() throws {
        let path = try write("broken.md", """
            ---
            id: broken
            title: Broken on purpose
            dataset: or
            lr: fast
            colour: red
            ---

            ## A stop
            id: s
            at: epoch 0, sample 0, value z

            Text with {{z[0]}}.

            ### Question
            kind: maybe
            ask: What?
            answer: +
            """)
        let good = try write("good.md", Self.goodLesson)
        let result = try run("\"$NN\" lesson check '\(path)' '\(good)'")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "\(good): ok\n")
        XCTAssertEqual(result.stderr.split(separator: "\n").map(String.init), [
            "\(path):5: bad lr 'fast': a number greater than 0, such as 0.5 or 1e-3",
            "\(path):6: unknown key 'colour': keys are id, title, part, dataset, samples, noise, data_seed, test_percent, lr, epochs, seed, hidden, activation, loss, batch, init, mode, bugs, check_gradients",
            "\(path):16: bad kind 'maybe': accepted: sign, direction, choice, number",
        ])
    }

    func testAStopThatNeverHappensIsReportedOnItsLine() throws {
        let path = try write("late.md", """
            ---
            id: late
            title: Too late
            dataset: or
            epochs: 3
            ---

            ## Late
            id: late
            at: epoch 5, sample 0, value z

            Never.
            """)
        let result = try run("\"$NN\" lesson check '\(path)'")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "\(path):10: epoch 5 never happens: the lesson trains 3 epochs, numbered from 0\n")
    }

    func testAMissingFileIsAnErrorAndTheOthersAreStillChecked() throws {
        let missing = work.appendingPathComponent("nope.md").path
        let good = try write("good.md", Self.goodLesson)
        let result = try run("\"$NN\" lesson check '\(missing)' '\(good)'")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "\(missing): cannot read: No such file or directory\n")
        XCTAssertEqual(result.stdout, "\(good): ok\n")
    }

    func testCheckWithoutFilesIsAUsageError() throws {
        let result = try run("\"$NN\" lesson check")
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    }

    func testCheckWarnsAboutATypedNumberWithoutFailing() throws {
        // Line 12 is the narrative's line with a number typed by hand.
        let path = try write("typed.md", """
            ---
            id: typed
            title: Typed
            dataset: notebook
            epochs: 2
            ---

            ## Weighted sum
            id: z
            at: epoch 0, sample 0, phase forward, value z

            Here z is {{z}}, about 0.3412.
            """)
        let result = try run("\"$NN\" lesson check '\(path)'")
        XCTAssertEqual(result.status, 0, "a warning alone does not fail the check")
        XCTAssertEqual(result.stdout, "\(path): ok\n")
        XCTAssertEqual(result.stderr, "\(path):12: warning: typed number 0.3412 in stop 'z': show a value of the run as {{…}} so it always matches what the learner sees\n")
    }

    func testCheckPrintsEachProblemOnceInLineOrder() throws {
        // Both values of 'try: activation' lack a hidden layer (line 12): one message. The parser
        // finds the reference on line 14 before the experiment on line 12; they print by line.
        let path = try write("order.md", """
            ---
            id: order
            title: Order
            dataset: or
            epochs: 2
            bugs: sign, sign
            ---

            ## Weighted sum
            id: z
            at: epoch 0, sample 0, phase forward, value z
            try: activation tanh, relu

            Here z is {{z}} and {{nope}}.
            """)
        let result = try run("\"$NN\" lesson check '\(path)'")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(lines(result.stderr), [
            "\(path):6: warning: 'sign' is listed twice in bugs",
            "\(path):12: in 'try: activation': activation sets the hidden layers' activation, and there is no hidden layer: add hidden N (the single neuron's output is always a sigmoid)",
            "\(path):14: in {{nope}}: unknown value 'nope' in the single neuron: its values are x, y, W, b, z, y_hat, loss, dL_dyhat, dyhat_dz, dz_dW, dL_dW, dL_db (or epoch, sample, step, epoch.loss)",
            "",
        ])
    }

    func testATestRecordAtAStopOnTheEpochLossSaysItComesLater() throws {
        // Epoch 3's records come loss, train_loss, test_loss, train_accuracy, test_accuracy: at its
        // loss record (stop a, and stop b, whose condition reads the loss) test_accuracy is not out yet.
        let path = try write("records.md", """
            ---
            id: records
            title: Records
            dataset: moons
            test_percent: 25
            epochs: 5
            ---

            ## A
            id: a
            at: epoch 3, value loss

            Test accuracy {{epoch.test_accuracy}}.

            ## B
            id: b
            when: epoch loss below 1000

            Test accuracy {{epoch.test_accuracy}}.
            """)
        let result = try run("\"$NN\" lesson check '\(path)'")
        XCTAssertEqual(result.status, 1)
        let order = "(an epoch's records come in the order loss, train_loss, test_loss, train_accuracy, test_accuracy)"
        XCTAssertEqual(lines(result.stderr), [
            "\(path):13: {{epoch.test_accuracy}} has no value at stop 'a': the stop is on epoch 3's loss record, and that epoch's test_accuracy record is published after it \(order); bind the stop to it ('at: epoch 3, value test_accuracy') or show a record published by then (epoch.loss)",
            "\(path):19: {{epoch.test_accuracy}} has no value at stop 'b': the stop is on epoch 3's loss record (a 'when:' stop sits on the record its condition reads), and that epoch's test_accuracy record is published after it \(order); show a record published by then (epoch.loss), or move the text to a stop 'at: epoch E, value test_accuracy'",
            "",
        ])
        XCTAssertFalse(result.stderr.contains("no epoch has been completed"))
    }

    func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    // MARK: --lesson

    func testAnUnknownLessonIsOneUsageLine() throws {
        let result = try run("\"$NN\" --plain --lesson nope")
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stdout, "")
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.stderr)
        for lesson in try Self.shippedLessons() {
            XCTAssertTrue(result.stderr.contains(lesson.id), "\(lesson.id) in: \(result.stderr)")
        }
        XCTAssertTrue(result.stderr.contains("'nope'"))
    }

    func testTrainingFlagsWithALessonAreAUsageError() throws {
        let result = try run("\"$NN\" --plain --lesson 1 --lr 0.1")
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("--lesson"))
    }

    func testHeadEndsTheHandoutQuietly() throws {
        let result = try run("\"$NN\" --plain --lesson 1 | head -3")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout, "Lesson: The forward pass\n========================\n\n")
        let long = try run("\"$NN\" --plain --lesson 2 | head -1")
        XCTAssertEqual(long.status, 0, long.stderr)
        XCTAssertEqual(long.stderr, "")
    }

    func testAFullDiskIsOneLineAndStatus1() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full") }
        let result = try run("\"$NN\" --plain --lesson 2 > /dev/full")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("cannot write"), result.stderr)
    }

    func testEveryShippedLessonRunsToItsEndInPlain() throws {
        for (i, lesson) in try Self.shippedLessons().enumerated() {
            for name in [String(i + 1), lesson.id, "'\(lesson.path)'"] {
                let result = try run("\"$NN\" --plain --lesson \(name)")
                XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
                // A lesson file is checked as it opens, so its warnings are shown; a built-in one is not.
                XCTAssertEqual(result.stderr, "", name)
                XCTAssertTrue(result.stdout.hasPrefix("Lesson: \(lesson.title)\n"), name)
                XCTAssertTrue(result.stdout.contains(": \(lesson.lastStopTitle) ("), "\(name): last stop '\(lesson.lastStopTitle)'")
                XCTAssertTrue(result.stdout.hasSuffix("End of the lesson: \(lesson.title)\n"), name)
            }
        }
    }

    func testWithoutATerminalTheLessonIsPrintedWithANote() throws {
        let result = try run("\"$NN\" --lesson 1 < /dev/null")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("handout"), result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("Lesson: The forward pass\n"))
    }

    func testOnATerminalTheLessonOpensInTheWalkthrough() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        let session = try TmuxSession(width: 120, height: 40)
        try session.type("XDG_STATE_HOME='\(stateHome.path)' \"$NN\" --lesson forward-pass")
        let screen = try XCTUnwrap(try session.waitFor("The forward pass"), session.capture())
        XCTAssertTrue(screen.contains("lesson 1"), screen)
        XCTAssertFalse(screen.contains("Lesson: The forward pass"), "the walkthrough, not the handout")
        try session.keys("q")
        XCTAssertNotNil(try session.waitFor("$ ", timeout: 5))
    }

    func testLessonOneAt80x24KeepsTheDiagramBesideTheLesson() throws {
        guard TmuxSession.isAvailable else { throw XCTSkip("tmux is not installed") }
        let session = try TmuxSession(width: 80, height: 24)
        try session.type("XDG_STATE_HOME='\(stateHome.path)' \"$NN\" --lesson 1")
        XCTAssertNotNil(try session.waitFor("The forward pass"), session.capture())
        // To the first stop and its question: the lesson text, the network diagram and the
        // equations are all on screen, and the answer prompt is above the fold.
        try session.keys("]")
        let screen = try XCTUnwrap(try session.waitFor("Stop 1 of"), session.capture())
        for part in ["─ network ", "Σ: z", "σ: ŷ", "─ equations ", "─ lesson "] {
            XCTAssertTrue(screen.contains(part), "'\(part)' at 80×24:\n\(screen)")
        }
        try session.keys("]")
        let question = try XCTUnwrap(try session.waitFor("Stop 2 of"), session.capture())
        XCTAssertTrue(question.contains("Σ: z") && question.contains("─ lesson "), question)
        try session.keys("q")
        XCTAssertNotNil(try session.waitFor("$ ", timeout: 5))
    }

    func testASCIIHandoutIsPureASCII() throws {
        let result = try run("\"$NN\" --plain --ascii --lesson 3")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertNil(result.stdout.unicodeScalars.first { !$0.isASCII })
        XCTAssertTrue(result.stdout.contains("Stop 1 of "))
    }

    func testJSONLAndCSVGiveTheLessonsRawTrace() throws {
        // Lesson 1 trains the notebook's single sample for one epoch: the setup record, one step of
        // 14 events, then the epoch record.
        let jsonl = try run("\"$NN\" --lesson 1 --format jsonl")
        XCTAssertEqual(jsonl.status, 0, jsonl.stderr)
        let lines = jsonl.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1 + 15)
        XCTAssertTrue(lines[0].hasPrefix(#"{"phase": "setup", "#), String(lines[0]))
        XCTAssertTrue(lines[3].contains(#""name": "W", "value": [-1.1118801180469204, 0.31890218468938336]"#), String(lines[3]))
        let csv = try run("\"$NN\" --lesson 1 --format csv")
        XCTAssertEqual(csv.status, 0, csv.stderr)
        let rows = csv.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(rows.count, 2)  // header and one step
    }

    static let goodLesson = """
        ---
        id: mine
        title: My own lesson
        dataset: notebook
        lr: 0.5
        epochs: 2
        seed: 42
        ---

        My introduction.

        ## Weighted sum
        id: z
        at: epoch 0, sample 0, phase forward, value z

        Here z is {{z}}.

        ### Question
        kind: sign
        ask: Is z positive, negative or zero?
        answer: {{z}}

        ## Second epoch
        id: later
        at: epoch 1, value loss

        The second epoch's loss is {{epoch.loss}}.
        """

    func testAUsersLessonFileWorks() throws {
        let path = try write("mine.md", Self.goodLesson)
        let result = try run("\"$NN\" --plain --lesson '\(path)' --answers inline")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        // By hand: x = (0, 1), y = 1, numpy's seed-42 W and b; one corrected update with η = 0.5.
        let w1 = 0.31890218468938336, b = 0.2790412922001377
        let z = w1 + b
        let yHat = 1 / (1 + exp(-z))
        let g = -2 * (1 - yHat) * yHat * (1 - yHat)  // ∂L/∂z; ∂z/∂W[1] = x[1] = 1 and ∂z/∂b = 1
        let z2 = (w1 - 0.5 * g) + (b - 0.5 * g)
        let yHat2 = 1 / (1 + exp(-z2))
        let loss2 = (1 - yHat2) * (1 - yHat2)
        XCTAssertTrue(result.stdout.hasPrefix("Lesson: My own lesson\n"))
        XCTAssertTrue(result.stdout.contains("My introduction."))
        XCTAssertTrue(result.stdout.contains("  Here z is \(four(z)).\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  Answer: +\n"))
        XCTAssertTrue(result.stdout.contains("  The second epoch's loss is \(four(loss2)).\n"), "expected \(four(loss2))")
        XCTAssertTrue(result.stdout.contains("  epoch 1 loss: L = Σᵢ (yᵢ − ŷᵢ)² = \(four(loss2))"), result.stdout)
    }

    func testABadUsersLessonFileIsReportedAndStatus1() throws {
        let path = try write("bad.md", """
            ---
            id: bad
            title: Bad
            epochs: many
            ---

            ## Stop
            id: s
            at: epoch 0, sample 0, value z

            Text.
            """)
        let result = try run("\"$NN\" --plain --lesson '\(path)'")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(result.stderr, "\(path):4: bad epochs 'many': a whole number from 0 to 1000000000\n")

        // A path that cannot be read is a bad argument like any other: the tool's prefix and status 64.
        let missing = work.appendingPathComponent("absent.md").path
        let absent = try run("\"$NN\" --plain --lesson '\(missing)'")
        XCTAssertEqual(absent.status, 64)
        XCTAssertEqual(absent.stdout, "")
        XCTAssertEqual(absent.stderr, "nn-tutor: --lesson '\(missing)': cannot read: No such file or directory (see 'nn-tutor --help')\n")
    }
}
