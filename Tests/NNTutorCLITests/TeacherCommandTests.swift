import Foundation
import NNTestSupport
import XCTest

/// What a teacher uses, run as a teacher would: handouts, a lesson folder of their own, `lesson
/// new` and `lesson show`, progress and its reset, and the warnings of `lesson check`.
final class TeacherCommandTests: XCTestCase {
    var base: URL!
    var stateHome: URL { base.appendingPathComponent("state") }
    var dataHome: URL { base.appendingPathComponent("data") }
    var work: URL { base.appendingPathComponent("work") }
    /// The default folder of your own lessons under the test's XDG_DATA_HOME.
    var lessonFolder: URL { dataHome.appendingPathComponent("nn-tutor/lessons") }
    var progressFile: URL { stateHome.appendingPathComponent("nn-tutor/progress.json") }

    override func setUpWithError() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("nn-tutor-teacher-\(UUID().uuidString)")
        for folder in [stateHome, dataHome, work] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: base)
    }

    /// Runs in the work folder, with progress and lessons in the test's own folders.
    func run(_ command: String) throws -> BinaryRunner.Result {
        try BinaryRunner.shell("cd '\(work.path)' && " + command,
                               environment: ["XDG_STATE_HOME": stateHome.path, "XDG_DATA_HOME": dataHome.path])
    }

    @discardableResult
    func write(_ text: String, to url: URL) throws -> String {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static let shippedFolder = LessonCommandTests.repository.appendingPathComponent("lessons")

    /// A lesson of 2 epochs on the notebook's one sample: a question on z in step 0, a stop on epoch 1's loss (step 1).
    static let mine = LessonCommandTests.goodLesson

    /// A built-in lesson's number and file name, as the course numbers them.
    static func builtInNumber(_ id: String) throws -> Int {
        try XCTUnwrap(LessonCommandTests.shippedLessons().firstIndex { $0.id == id }) + 1
    }

    static func builtInFile(_ id: String) throws -> String {
        let path = try XCTUnwrap(LessonCommandTests.shippedLessons().first { $0.id == id }).path
        return URL(fileURLWithPath: path).lastPathComponent
    }

    // MARK: Handouts

    func testEveryShippedHandoutFitsSixtyAndEightyColumns() throws {
        for lesson in try LessonCommandTests.shippedLessons() {
            for width in [60, 80] {
                let result = try run("\"$NN\" --plain --lesson \(lesson.id) --width \(width)")
                XCTAssertEqual(result.status, 0, result.stderr)
                let over = lines(result.stdout).filter { $0.count > width }
                XCTAssertEqual(over, [], "\(lesson.id) at \(width)")
            }
        }
    }

    func testTheWidthIsEightyInAFileAndTheTerminalsOnATerminal() throws {
        // Lesson 1's first stop heading, ruled to the full width.
        let heading = "── Stop 1 of 5: The input (epoch 0, sample 0) "
        let file = try run("\"$NN\" --plain --lesson 1")
        XCTAssertTrue(lines(file.stdout).contains(heading + String(repeating: "─", count: 80 - heading.count)), file.stdout)
        let given = try run("\"$NN\" --plain --lesson 1 --width 50")
        XCTAssertTrue(lines(given.stdout).contains(heading + String(repeating: "─", count: 50 - heading.count)))
        let terminal = try run("script -qec 'stty cols 70; \"$NN\" --plain --lesson 1' /dev/null")
        let rows = lines(terminal.stdout.replacingOccurrences(of: "\r", with: ""))
        XCTAssertTrue(rows.contains(heading + String(repeating: "─", count: 70 - heading.count)), terminal.stdout)
        XCTAssertEqual(rows.filter { $0.count > 70 }, [])
    }

    func testHandoutFlagsAreCheckedWithExactMessages() throws {
        let cases: [(String, String)] = [
            ("--plain --lesson 1 --width 39", "nn-tutor: --width must be a whole number from 40 to 400, got '39' (see 'nn-tutor --help')"),
            ("--plain --lesson 1 --width 401", "nn-tutor: --width must be a whole number from 40 to 400, got '401' (see 'nn-tutor --help')"),
            ("--plain --lesson 1 --answers key", "nn-tutor: --answers must be none, inline or end, got 'key' (see 'nn-tutor --help')"),
            ("--plain --lesson 1 --context many", "nn-tutor: --context must be a whole number of steps from 0 to 100000, got 'many' (see 'nn-tutor --help')"),
            ("--plain --answers none", "nn-tutor: --answers shapes a lesson handout: use it with --plain --lesson (see 'nn-tutor --help')"),
            ("--format markdown", "nn-tutor: --format markdown writes a lesson handout: add --lesson (a trace is text, jsonl or csv) (see 'nn-tutor --help')"),
            ("--lesson 1 --format jsonl --context 2", "nn-tutor: --context shapes a handout (text or markdown), not the raw trace of --format jsonl (see 'nn-tutor --help')"),
            ("--format json", "nn-tutor: --format json exports progress: 'nn-tutor progress --format json' (a trace is text, jsonl or csv) (see 'nn-tutor --help')"),
        ]
        for (arguments, message) in cases {
            let result = try run("\"$NN\" \(arguments)")
            XCTAssertEqual(result.status, 64, arguments)
            XCTAssertEqual(result.stdout, "", arguments)
            XCTAssertEqual(result.stderr, message + "\n", arguments)
        }
    }

    func testAnswersNoneInlineAndEnd() throws {
        let path = try write(Self.mine, to: work.appendingPathComponent("mine.md"))
        let end = try run("\"$NN\" --plain --lesson '\(path)'")
        XCTAssertEqual(end.status, 0, end.stderr)
        let endLines = lines(end.stdout)
        XCTAssertTrue(endLines.contains("  Your answer (+, − or 0): ______"))
        XCTAssertTrue(endLines.contains("  (the worked answer is in the key at the end, under stop 1)"))
        XCTAssertFalse(endLines.contains("  Answer: +"))
        let key = try XCTUnwrap(endLines.firstIndex { $0.hasPrefix("── Answer key ──") }, end.stdout)
        // z = W[1]·1 + b with numpy's seed-42 draw is 0.3189 + 0.2790 = 0.5979 > 0: the answer is +,
        // then the trace line that shows z and the narrative, held back from the page.
        let z = 0.31890218468938336 + 0.2790412922001377
        XCTAssertEqual(Array(endLines[(key + 1)...].filter { !$0.isEmpty }.prefix(3)), [
            "Stop 1 (Weighted sum): +",
            "    forward   z = W·x + b = (−1.1119)(0) + (0.3189)(1) + 0.2790 = \(String(format: "%.4f", z))",
            "  Here z is \(String(format: "%.4f", z)).",
        ])
        XCTAssertEqual(endLines.filter { $0.hasPrefix("  Here z is ") }.count, 1, "the narrative is in the key only")

        let inline = lines(try run("\"$NN\" --plain --lesson '\(path)' --answers inline").stdout)
        let question = try XCTUnwrap(inline.firstIndex(of: "  Question: Is z positive, negative or zero?"))
        let answer = try XCTUnwrap(inline.firstIndex(of: "  Answer: +"))
        XCTAssertLessThan(question, answer)
        XCTAssertFalse(inline.contains { $0.contains("Answer key") })

        let none = try run("\"$NN\" --plain --lesson '\(path)' --answers none").stdout
        XCTAssertTrue(none.contains("  Your answer (+, − or 0): ______\n  (the worked answer is in the teacher's copy)\n"), none)
        XCTAssertFalse(none.contains("Answer"), none)
        XCTAssertFalse(none.contains("Here z is"), "the narrative gives the answer away")
        XCTAssertFalse(none.contains("    forward   z = W·x + b"), "and so does z's trace line")
    }

    func testContextChoosesTheStepsAroundEachStop() throws {
        // 30 epochs of or (4 samples): a stop at epoch 2, sample 1 is step 9; epoch 20's loss is step 83.
        let path = try write("""
            ---
            id: windows
            title: Windows
            dataset: or
            epochs: 30
            ---

            ## Early
            id: early
            at: epoch 2, sample 1, phase forward, value z

            Early.

            ## Late
            id: late
            at: epoch 20, value loss

            Late.
            """, to: work.appendingPathComponent("windows.md"))
        let plain = lines(try run("\"$NN\" --plain --lesson '\(path)' --width 200").stdout)
        XCTAssertEqual(plain.filter { $0.hasPrefix("  step ") }, ["  step 9 · epoch 2 · sample 1", "  step 83 · epoch 20 · sample 3"])
        XCTAssertTrue(plain.contains("handout: steps 9 and 83 of 120 printed (each stop's own step); the others are left out; answers in a key at the end"))
        let wide = lines(try run("\"$NN\" --plain --lesson '\(path)' --context 2 --width 200").stdout)
        XCTAssertEqual(wide.filter { $0.hasPrefix("… ") }, [
            "… steps 0 to 6 left out (7 steps) …", "… steps 12 to 80 left out (69 steps) …", "… steps 86 to 119 left out (34 steps) …",
        ])
        XCTAssertTrue(wide.contains("handout: steps 7 to 11 and 81 to 85 of 120 printed (each stop's step and 2 on either side (--context)); the others are left out; answers in a key at the end"))
    }

    func testAMarkdownHandoutConvertsWithPandoc() throws {
        let result = try run("\"$NN\" --lesson 2 --format markdown --width 72")
        XCTAssertEqual(result.status, 0, result.stderr)
        let all = lines(result.stdout)
        XCTAssertEqual(all.first, "# Lesson: The loss: squared error, not \"MLE\"")
        XCTAssertEqual(all.filter { $0 == "```text" }.count, all.filter { $0 == "```" }.count)
        XCTAssertTrue(all.contains("## Answer key"))
        guard (try run("command -v pandoc")).status == 0 else { throw XCTSkip("pandoc is not installed") }
        let html = try run("\"$NN\" --lesson 2 --format markdown | pandoc -f commonmark -t html")
        XCTAssertEqual(html.status, 0, html.stderr)
        XCTAssertTrue(html.stdout.contains("<h1 id=\"lesson-the-loss-squared-error-not-mle\">") || html.stdout.contains("<h1>Lesson: The loss"), html.stdout)
        XCTAssertTrue(html.stdout.contains("<pre class=\"text\"><code>"), "the trace is a code block")
        XCTAssertTrue(html.stdout.contains("Your answer (a number, within ± 0.005): ______"), "the blank survives the escapes")
    }

    func testATryExperimentIsTrainedForEachValue() throws {
        let path = try write("""
            ---
            id: rates
            title: Rates
            dataset: or
            init: 0.5, -0.5, 0.1
            epochs: 3
            ---

            ## Step size
            id: rate
            at: epoch 1, value loss
            try: lr 0.1, 0.5, 2

            The summed loss of epoch 1 is {{epoch.loss}}.
            """, to: work.appendingPathComponent("rates.md"))
        let result = try run("\"$NN\" --plain --lesson '\(path)'")
        XCTAssertEqual(result.status, 0, result.stderr)
        // By hand: SGD on or in sample order, squared error, from W = (0.5, −0.5), b = 0.1.
        func train(_ lr: Double) -> [String] {
            let run = handTrainedOR(lr: lr, epochs: 3, w: (0.5, -0.5), b: 0.1)
            return [String(format: "%.4f", run.epochLosses[1]), String(format: "%.4f", run.epochLosses[2]), "\(run.right) of 4"]
        }
        let out = lines(result.stdout)
        let header = try XCTUnwrap(out.firstIndex(of: "    lr      loss, epoch 1   final loss   classified right"), result.stdout)
        for (i, (label, lr)) in [("0.1  ", 0.1), ("0.5 *", 0.5), ("2    ", 2.0)].enumerated() {
            let cells = train(lr)
            XCTAssertEqual(out[header + 1 + i], "    \(label)   \(cells[0])          \(cells[1])       \(cells[2])")
        }
    }

    // MARK: Your own lessons

    func testYourLessonsAreListedAfterTheCourseAndABadFileIsReported() throws {
        try write(Self.mine, to: lessonFolder.appendingPathComponent("a-mine.md"))
        try write("---\nid: broken\n---\n", to: lessonFolder.appendingPathComponent("b-broken.md"))
        let clash = Self.mine.replacingOccurrences(of: "id: mine", with: "id: loss")
        try write(clash, to: lessonFolder.appendingPathComponent("c-clash.md"))
        let result = try run("\"$NN\" lessons")
        XCTAssertEqual(result.status, 0)
        let folder = lessonFolder.path
        XCTAssertEqual(lines(result.stderr), [
            "\(folder)/b-broken.md:1: the setup has no 'title:'",
            "\(folder)/c-clash.md:2: id 'loss' is the id of built-in lesson 2 (02-loss.md); give this lesson its own id (left out of the course)",
            "",
        ])
        let out = lines(result.stdout)
        let heading = try XCTUnwrap(out.firstIndex(of: "Your lessons, in \(folder):"), result.stdout)
        XCTAssertEqual(out[heading + 1], "  your lessons")
        let first = String(try LessonCommandTests.shippedLessons().count + 1)  // numbered on after the course
        XCTAssertEqual(out[heading + 2], "    \(first)  mine                  My own lesson")
        XCTAssertEqual(out[heading + 3], "")
        // Its number and id open it.
        for name in [first, "mine"] {
            let handout = try run("\"$NN\" --plain --lesson \(name)")
            XCTAssertEqual(handout.status, 0, handout.stderr)
            XCTAssertTrue(handout.stdout.hasPrefix("Lesson: My own lesson\n"), name)
        }
    }

    func testCourseFolderReplacesTheDefaultAndIsHeadedByItsName() throws {
        try write(Self.mine, to: lessonFolder.appendingPathComponent("mine.md"))
        let other = Self.mine.replacingOccurrences(of: "id: mine", with: "id: theirs").replacingOccurrences(of: "My own lesson", with: "Their lesson")
        let folder = work.appendingPathComponent("class-7b")
        try write(other, to: folder.appendingPathComponent("theirs.md"))
        let out = lines(try run("\"$NN\" lessons --course '\(folder.path)'").stdout)
        let heading = try XCTUnwrap(out.firstIndex(of: "Your lessons, in \(folder.path):"))
        let first = String(try LessonCommandTests.shippedLessons().count + 1)
        XCTAssertEqual(Array(out[(heading + 1)...(heading + 2)]), ["  class-7b", "    \(first)  theirs                Their lesson"])
        XCTAssertFalse(out.contains { $0.contains("mine") })
        let missing = try run("\"$NN\" lessons --course '\(work.path)/nope'")
        XCTAssertEqual(missing.status, 64)
        XCTAssertEqual(missing.stderr, "nn-tutor: --course '\(work.path)/nope' does not exist; give the folder that holds your lesson files (see 'nn-tutor lessons --help')\n")
    }

    // MARK: lesson new, lesson show

    func testLessonNewWritesAFileThatPassesCheckAndNeverOverwrites() throws {
        let result = try run("\"$NN\" lesson new my-first")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "wrote my-first.md: check it with 'nn-tutor lesson check my-first.md', take it with 'nn-tutor --lesson ./my-first.md'\n")
        let check = try run("\"$NN\" lesson check my-first.md")
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertEqual(check.stderr, "")
        XCTAssertEqual(check.stdout, "my-first.md: ok\n")
        let text = try String(contentsOf: work.appendingPathComponent("my-first.md"), encoding: .utf8)
        XCTAssertTrue(text.contains("\nid: my-first\ntitle: My first\n"), text)
        // Its comments never reach a learner.
        let handout = try run("\"$NN\" --plain --lesson ./my-first.md")
        XCTAssertEqual(handout.status, 0, handout.stderr)
        XCTAssertFalse(handout.stdout.contains("<!--") || handout.stdout.contains("# A lesson"), handout.stdout)

        try "changed".write(to: work.appendingPathComponent("my-first.md"), atomically: true, encoding: .utf8)
        let again = try run("\"$NN\" lesson new my-first")
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.stderr, "nn-tutor: cannot write my-first.md: it already exists; nothing was written (choose another name, or move the file)\n")
        XCTAssertEqual(try String(contentsOf: work.appendingPathComponent("my-first.md"), encoding: .utf8), "changed")

        let bad = try run("\"$NN\" lesson new 'My Lesson'")
        XCTAssertEqual(bad.status, 64)
        XCTAssertEqual(bad.stderr, "nn-tutor: lesson name 'My Lesson' must be lowercase letters, digits and hyphens, starting with a letter or digit (it is the file's name and the lesson's id), e.g. my-lesson (see 'nn-tutor lesson new --help')\n")
        let builtIn = try run("\"$NN\" lesson new xor")
        XCTAssertEqual(builtIn.status, 64)
        XCTAssertEqual(builtIn.stderr, "nn-tutor: 'xor' is the id of built-in lesson \(try Self.builtInNumber("xor")); choose another name (see 'nn-tutor lesson new --help')\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("xor.md").path))
    }

    func testLessonNewRefusesAnIdYourCourseAlreadyHas() throws {
        // The default folder's my-and.md has id and-neuron: and-neuron.md would sort first, and
        // my-and.md would be left out of the course as a duplicate.
        let existing = try write(Self.mine.replacingOccurrences(of: "id: mine", with: "id: and-neuron"),
                                 to: lessonFolder.appendingPathComponent("my-and.md"))
        let refused = try run("\"$NN\" lesson new and-neuron")
        XCTAssertEqual(refused.status, 64)
        XCTAssertEqual(refused.stderr, "nn-tutor: 'and-neuron' is already the id of \(existing); choose another name (of two lessons with one id, the course leaves the later file out) (see 'nn-tutor lesson new --help')\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("and-neuron.md").path))
        // Written inside the course folder itself, the same.
        let inside = try BinaryRunner.shell("cd '\(lessonFolder.path)' && \"$NN\" lesson new and-neuron",
                                            environment: ["XDG_STATE_HOME": stateHome.path, "XDG_DATA_HOME": dataHome.path])
        XCTAssertEqual(inside.status, 64)
        XCTAssertTrue(inside.stderr.contains("is already the id of "), inside.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: lessonFolder.appendingPathComponent("and-neuron.md").path))
        // A --course folder, and a lesson beside the new file, count too.
        let folder = work.appendingPathComponent("class-7b")
        let theirs = try write(Self.mine.replacingOccurrences(of: "id: mine", with: "id: theirs"), to: folder.appendingPathComponent("t.md"))
        let course = try run("\"$NN\" lesson new theirs --course '\(folder.path)'")
        XCTAssertEqual(course.status, 64)
        XCTAssertTrue(course.stderr.hasPrefix("nn-tutor: 'theirs' is already the id of \(theirs);"), course.stderr)
        try write(Self.mine.replacingOccurrences(of: "id: mine", with: "id: beside"), to: work.appendingPathComponent("notes.md"))
        let beside = try run("\"$NN\" lesson new beside")
        XCTAssertEqual(beside.status, 64)
        XCTAssertTrue(beside.stderr.hasPrefix("nn-tutor: 'beside' is already the id of ./notes.md;"), beside.stderr)
        // Another name is written, and its comment names the heading it is listed under.
        let written = try run("\"$NN\" lesson new and-gate")
        XCTAssertEqual(written.status, 0, written.stderr)
        let text = try String(contentsOf: work.appendingPathComponent("and-gate.md"), encoding: .utf8)
        XCTAssertTrue(text.contains("# The course menu lists your lessons under \"your lessons\" (or, with --course DIR, under"), text)
        let listing = lines(try run("\"$NN\" lessons").stdout)
        let heading = try XCTUnwrap(listing.firstIndex { $0.hasPrefix("Your lessons, in ") })
        XCTAssertEqual(listing[heading + 1], "  your lessons")
    }

    func testLessonShowPrintsTheSourceByNumberIdOrFileName() throws {
        let source = try String(contentsOf: Self.shippedFolder.appendingPathComponent("03-chain-rule.md"), encoding: .utf8)
        for name in ["3", "chain-rule", "03-chain-rule.md", "03-chain-rule"] {
            let result = try run("\"$NN\" lesson show \(name)")
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, source, name)
        }
        let count = try LessonCommandTests.shippedLessons().count
        let unknown = try run("\"$NN\" lesson show \(count + 1)")
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.hasPrefix("nn-tutor: no built-in lesson '\(count + 1)'; give a number from 1 to \(count), an id (forward-pass, "), unknown.stderr)
    }

    // MARK: Progress

    /// Lesson 1 completed with three answers; a teacher's lesson begun; progress of a lesson gone.
    static let progress = """
        {"version": 1, "lessons": {
          "forward-pass": {"completed": true, "stopIndex": 4, "eventIndex": 9, "answers": {
            "z": {"answer": "+", "correct": true, "attempts": 2},
            "y-hat": {"answer": "0.5", "correct": false, "attempts": 1},
            "loss": {"answer": "", "correct": false, "skipped": true, "attempts": 0}}},
          "custom:mine": {"completed": false, "stopIndex": 0, "eventIndex": 5, "answers": {}},
          "custom:gone": {"completed": true, "answers": {}}
        }}
        """

    func testProgressShowsEachLessonAndAnswer() throws {
        try write(Self.mine, to: lessonFolder.appendingPathComponent("mine.md"))
        try write(Self.progress, to: progressFile)
        let result = try run("\"$NN\" progress")
        XCTAssertEqual(result.status, 0, result.stderr)
        let shipped = try LessonCommandTests.shippedLessons()
        let idWidth = shipped.map(\.id.count).max() ?? 0
        var expected = ["Progress kept in \(progressFile.path):", "", "Built-in lessons"]
        for (i, lesson) in shipped.enumerated() {
            let number = i + 1 < 10 ? " \(i + 1)" : "\(i + 1)"
            expected.append("  \(number)  " + lesson.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  \(lesson.title): "
                            + (i == 0 ? "completed" : "not started"))
            if i == 0 {
                // Lesson 1's stops 3, 4 and 5 are z, y-hat and loss.
                expected += [
                    "      stop 3 (The weighted sum): right, 2 tries, answered +",
                    "      stop 4 (The prediction): wrong, 1 try, answered 0.5",
                    "      stop 5 (How wrong it is): skipped, 0 tries",
                ]
            }
        }
        expected += ["", "Your lessons, in \(lessonFolder.path)",
                     "  \(try LessonCommandTests.shippedLessons().count + 1)  " + "mine".padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  My own lesson: in progress, at stop 1 of 2",
                     "", "Saved for lessons not in the course now", "      custom:gone: completed", ""]
        XCTAssertEqual(lines(result.stdout), expected)

        let json = try run("\"$NN\" progress --format json")
        XCTAssertEqual(json.status, 0, json.stderr)
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(decoded["format"] as? String, "nn-tutor progress")
        let lessons = try XCTUnwrap(decoded["lessons"] as? [[String: Any]])
        XCTAssertEqual(lessons.count, shipped.count + 2)
        XCTAssertEqual(lessons[0]["status"] as? String, "completed")
        let answers = try XCTUnwrap(lessons[0]["answers"] as? [[String: Any]])
        XCTAssertEqual(answers.map { $0["stop_id"] as? String }, ["z", "y-hat", "loss"])
        XCTAssertEqual(answers.map { $0["result"] as? String }, ["right", "wrong", "skipped"])
        XCTAssertEqual(answers.map { $0["tries"] as? Int }, [2, 1, 0])
        XCTAssertEqual(lessons[shipped.count]["key"] as? String, "custom:mine")
        XCTAssertEqual(lessons[shipped.count]["source"] as? String, "custom")
        XCTAssertEqual(lessons[shipped.count + 1]["source"] as? String, "unknown")
    }

    func testGivingUpAfterAWrongTryIsSaidSo() throws {
        // Lesson 1's stop 5 (loss): one wrong try, 0.3, then Esc; its stop 4 (y-hat): Esc before any try.
        try write("""
            {"version": 1, "lessons": {"forward-pass": {"completed": false, "stopIndex": 4, "eventIndex": 5, "answers": {
              "loss": {"answer": "0.3", "correct": false, "skipped": true, "attempts": 1, "reveal": "0.1259 (± 0.005)"},
              "y-hat": {"answer": "", "correct": false, "skipped": true, "attempts": 0}}}}}
            """, to: progressFile)
        let result = try run("\"$NN\" progress")
        XCTAssertEqual(result.status, 0, result.stderr)
        let out = lines(result.stdout)
        let row = try XCTUnwrap(out.firstIndex { $0.contains(" forward-pass ") }, result.stdout)
        XCTAssertTrue(out[row].hasSuffix(": in progress, at stop 5 of 5"), out[row])
        XCTAssertEqual(Array(out[(row + 1)...(row + 2)]), [
            "      stop 4 (The prediction): skipped, 0 tries",
            "      stop 5 (How wrong it is): gave up after 1 wrong try, answered 0.3",
        ])
    }

    func testYourLessonsProgressNeverMarksABuiltInLesson() throws {
        // A teacher's lesson with id 'loss', completed, is saved under custom:loss: lesson 2 is not done.
        try write(#"{"version": 1, "lessons": {"custom:loss": {"completed": true, "answers": {}}}}"#, to: progressFile)
        let listing = try run("\"$NN\" lessons")
        XCTAssertEqual(listing.status, 0, listing.stderr)
        let row = try XCTUnwrap(lines(listing.stdout).first { $0.contains(" loss ") })
        XCTAssertFalse(row.contains("✓"), row)
        XCTAssertFalse(listing.stdout.contains("✓  "), "no lesson is marked")
    }

    func testAListingNeverTouchesACorruptProgressFile() throws {
        try write("{ not json", to: progressFile)
        let listing = try run("\"$NN\" lessons")
        XCTAssertEqual(listing.status, 0)
        XCTAssertEqual(listing.stderr, "nn-tutor: progress file \(progressFile.path) ignored (not valid progress JSON); left as it is (the next lesson you take sets it aside)\n")
        // progress warns the same way and lists every lesson as not started, in text and in JSON.
        let shipped = try LessonCommandTests.shippedLessons()
        let progress = try run("\"$NN\" progress")
        XCTAssertEqual(progress.status, 0)
        XCTAssertEqual(progress.stderr, listing.stderr)
        let rows = lines(progress.stdout).filter { $0.hasPrefix("  ") }
        XCTAssertEqual(rows.count, shipped.count, progress.stdout)
        for (row, lesson) in zip(rows, shipped) {
            XCTAssertTrue(row.contains(" \(lesson.id) ") && row.hasSuffix("\(lesson.title): not started"), row)
        }
        let json = try run("\"$NN\" progress --format json")
        XCTAssertEqual(json.status, 0)
        XCTAssertEqual(json.stderr, listing.stderr)
        let decoded = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let lessons = try XCTUnwrap(decoded["lessons"] as? [[String: Any]])
        XCTAssertEqual(lessons.map { $0["id"] as? String }, shipped.map(\.id))
        XCTAssertEqual(Set(lessons.map { $0["status"] as? String }), ["not started"])
        XCTAssertEqual(try String(contentsOf: progressFile, encoding: .utf8), "{ not json")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: progressFile.deletingLastPathComponent().path), ["progress.json"])
    }

    func testResetAsksOnATerminalAndNeedsYesWithoutOne() throws {
        let mineNumber = try LessonCommandTests.shippedLessons().count + 1  // the folder's one lesson, after the course
        try write(Self.mine, to: lessonFolder.appendingPathComponent("mine.md"))
        try write(Self.progress, to: progressFile)
        func saved() throws -> [String] {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: progressFile)) as? [String: Any]
            return ((object?["lessons"] as? [String: Any])?.keys.sorted()) ?? []
        }
        let refused = try run("\"$NN\" progress reset 1 < /dev/null")
        XCTAssertEqual(refused.status, 64)
        XCTAssertEqual(refused.stderr, "nn-tutor: progress reset asks before it forgets anything, and standard input is not a terminal: add --yes to reset without asking (see 'nn-tutor progress reset --help')\n")
        XCTAssertEqual(try saved(), ["custom:gone", "custom:mine", "forward-pass"])

        let declined = try run("printf 'n\\n' | script -qec '\"$NN\" progress reset \(mineNumber)' /dev/null")
        XCTAssertEqual(declined.status, 1, declined.stdout)
        XCTAssertTrue(declined.stdout.contains("Forget the progress of lesson \(mineNumber), mine (My own lesson), answers included? [y/N] "), declined.stdout)
        XCTAssertEqual(try saved(), ["custom:gone", "custom:mine", "forward-pass"])

        let accepted = try run("printf 'y\\n' | script -qec '\"$NN\" progress reset \(mineNumber)' /dev/null")
        XCTAssertEqual(accepted.status, 0, accepted.stdout)
        XCTAssertTrue(accepted.stdout.contains("Progress of lesson \(mineNumber), mine (My own lesson) forgotten."), accepted.stdout)
        XCTAssertEqual(try saved(), ["custom:gone", "forward-pass"])

        let yes = try run("\"$NN\" progress reset forward-pass --yes < /dev/null")
        XCTAssertEqual(yes.status, 0, yes.stderr)
        XCTAssertEqual(yes.stdout, "Progress of lesson 1, forward-pass (The forward pass) forgotten.\n")
        XCTAssertEqual(try saved(), ["custom:gone"])

        let nothing = try run("\"$NN\" progress reset 2 --yes")
        XCTAssertEqual(nothing.status, 0)
        XCTAssertEqual(nothing.stdout, "Nothing to reset: no progress is saved for lesson 2, loss (The loss: squared error, not \"MLE\").\n")
        let unknown = try run("\"$NN\" progress reset nope --yes")
        XCTAssertEqual(unknown.status, 64)
        XCTAssertEqual(unknown.stderr, "nn-tutor: no lesson 'nope' in the course or in the saved progress; give a number, an id or a file name as 'nn-tutor progress' lists them (see 'nn-tutor progress reset --help')\n")

        let all = try run("\"$NN\" progress reset --yes")
        XCTAssertEqual(all.status, 0, all.stderr)
        XCTAssertEqual(all.stdout, "Progress of every lesson forgotten.\n")
        XCTAssertEqual(try saved(), [])
    }

    // MARK: lesson check

    /// `mine` with its setup, first stop or question changed.
    func variant(_ replacements: [(String, String)]) -> String {
        replacements.reduce(Self.mine) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    func testCheckWarnsWithoutFailingAndErrsOnABuiltInId() throws {
        // The question asks for z's sign at a stop on ŷ, which comes after z: z is on screen already.
        let visible = try write(variant([("at: epoch 0, sample 0, phase forward, value z", "at: epoch 0, sample 0, phase forward, value y_hat")]),
                                to: work.appendingPathComponent("visible.md"))
        let dup = try write(variant([("seed: 42", "seed: 42\nbugs: sign, sign"), ("id: mine", "id: dup"),
                                     ("at: epoch 0, sample 0, phase forward, value z", "at: epoch 0, sample 0, phase forward, value z\ntry: lr 0.5, 1, 0.5")]),
                            to: work.appendingPathComponent("dup.md"))
        let twin = try write(Self.mine, to: work.appendingPathComponent("twin.md"))
        let clash = try write(variant([("id: mine", "id: xor")]), to: work.appendingPathComponent("clash.md"))
        let result = try run("\"$NN\" lesson check '\(visible)' '\(dup)' '\(twin)' '\(clash)'")
        XCTAssertEqual(result.status, 1, "the built-in id is an error")
        XCTAssertEqual(result.stdout, "\(visible): ok\n\(dup): ok\n\(twin): ok\n")
        XCTAssertEqual(lines(result.stderr), [
            "\(visible):21: warning: the question at stop 'z' gives its answer away: z is on screen when it is asked, just before y_hat; put the stop on z or ask about a value computed later",
            "\(dup):8: warning: 'sign' is listed twice in bugs",
            "\(dup):16: warning: '0.5' is listed twice in 'try: lr'",
            "\(twin):2: warning: id 'mine' is also the id of \(visible) (line 2); give each lesson its own id, so that each keeps its own progress",
            "\(clash):2: id 'xor' is the id of built-in lesson \(try Self.builtInNumber("xor")) (\(try Self.builtInFile("xor"))); give this lesson its own id",
            "",
        ])
    }

    func testAStopBeyondTheCheckedRunIsAWarning() throws {
        // or has 4 samples: the checker's 2000000 steps end with epoch 499999.
        let far = try write("""
            ---
            id: far
            title: Far away
            dataset: or
            epochs: 600000
            ---

            ## Far
            id: far
            at: epoch 550000, value loss

            The loss is {{epoch.loss}}.
            """, to: work.appendingPathComponent("far.md"))
        let result = try run("\"$NN\" lesson check '\(far)'")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "\(far): ok\n")
        XCTAssertEqual(result.stderr, "\(far):10: warning: epoch 550000 is beyond what 'lesson check' trains (2000000 sample steps, up to epoch 499999 here), so stop 'far' is not checked\n")
    }
}
