import Foundation
import XCTest
@testable import NNLessons

/// What a teacher's files go through: comments, the starting template, a lesson folder, id clashes,
/// the progress report, and a read-only progress store.
final class TeacherLessonTests: XCTestCase {
    var base = ""

    override func setUpWithError() throws {
        base = NSTemporaryDirectory() + "nn-tutor-teacher-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: base)
    }

    static let lesson = """
        ---
        # A comment in the setup.
        id: small
        title: Small
        dataset: notebook
        epochs: 2
        ---

        <!-- The introduction follows. -->
        Intro.

        ## Sum
        id: sum
        <!-- Between the keys:
             two lines. -->
        at: epoch 0, sample 0, phase forward, value z

        z is {{z}}.
        <!-- {{not_a_value}} is never read. -->
        ```
        <!-- inside a code block it is text -->
        ```
        """

    func testCommentsAreDroppedAndNeverShown() throws {
        let (parsed, diagnostics) = LessonParser.parse(text: Self.lesson, path: "c.md")
        XCTAssertEqual(diagnostics, [])
        let lesson = try XCTUnwrap(parsed)
        XCTAssertEqual(lesson.intro, "Intro.")
        XCTAssertEqual(lesson.idLine, 3)
        XCTAssertEqual(lesson.stops.map(\.triggerLine), [16])
        XCTAssertEqual(lesson.stops[0].narrative, "z is {{z}}.\n```\n<!-- inside a code block it is text -->\n```")
        let unclosed = LessonParser.parse(text: Self.lesson + "\n<!-- never closed\nmore", path: "c.md").1
        XCTAssertEqual(unclosed.map(\.description), ["c.md:23: '<!--' opens a comment that is never closed: end it with '-->'"])
    }

    func testTheTemplatePassesCheckAndNamesAreChecked() {
        let text = LessonTemplate.text(name: "my-lesson")
        XCTAssertEqual(LessonChecker.check(text: text, path: "my-lesson.md").map(\.description), [])
        let lesson = LessonParser.parse(text: text, path: "my-lesson.md").0
        XCTAssertEqual(lesson?.id, "my-lesson")
        XCTAssertEqual(lesson?.title, "My lesson")
        XCTAssertEqual(lesson?.part, "", "the folder's heading applies")
        XCTAssertNil(LessonTemplate.problem(with: "week-3", builtIn: Course.load()))
        XCTAssertEqual(LessonTemplate.problem(with: "loss", builtIn: Course.load()), "'loss' is the id of built-in lesson 2; choose another name")
        XCTAssertNotNil(LessonTemplate.problem(with: "Week 3", builtIn: Course.load()))
        XCTAssertNotNil(LessonTemplate.problem(with: "-x", builtIn: Course.load()))
        XCTAssertNotNil(LessonTemplate.problem(with: "../x", builtIn: Course.load()))
    }

    func testAFolderListsGoodFilesAndReportsBadOnes() throws {
        let folder = base + "/class"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Self.lesson.write(toFile: folder + "/1-small.md", atomically: true, encoding: .utf8)
        try Self.lesson.replacingOccurrences(of: "id: small", with: "id: small\npart: extra").write(toFile: folder + "/2-twin.md", atomically: true, encoding: .utf8)
        try "---\nid: x\n".write(toFile: folder + "/3-open.md", atomically: true, encoding: .utf8)
        try "notes".write(toFile: folder + "/README.md", atomically: true, encoding: .utf8)
        try "not a lesson".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let course = CustomCourse.load(directory: folder, part: "class", builtIn: Course.load())
        XCTAssertNil(course.folderProblem)
        XCTAssertEqual(course.lessons.map(\.id), ["small"])
        XCTAssertEqual(course.lessons.map(\.part), ["class"])
        XCTAssertFalse(course.lessons[0].isBuiltIn)
        XCTAssertEqual(course.problems.map(\.description), [
            "\(folder)/2-twin.md:3: id 'small' is also the id of \(folder)/1-small.md (line 3); give each lesson its own id, so that each keeps its own progress (left out of the course)",
            "\(folder)/3-open.md:1: the front-matter block is not closed: add a line '---' after the setup keys",
        ])
        let missing = CustomCourse.load(directory: base + "/none", part: "x", builtIn: [])
        XCTAssertEqual(missing.lessons.count + missing.problems.count, 0)
        XCTAssertNil(missing.folderProblem)
        XCTAssertEqual(CustomCourse.defaultDirectory(environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]), "/d/nn-tutor/lessons")
        XCTAssertEqual(CustomCourse.defaultDirectory(environment: ["XDG_DATA_HOME": "rel", "HOME": "/h"]), "/h/.local/share/nn-tutor/lessons")
        XCTAssertNil(CustomCourse.defaultDirectory(environment: [:]))

        let catalog = CourseCatalog(custom: course)
        // Numbered on after the built-in course.
        XCTAssertEqual(catalog.lesson(named: String(Course.load().count + 1))?.id, "small")
        XCTAssertEqual(catalog.lesson(named: "1-small.md")?.id, "small")
        XCTAssertEqual(catalog.lesson(named: "loss")?.isBuiltIn, true)
    }

    func testTheBuiltInLessonsOwnFileIsNoClash() throws {
        let source = try XCTUnwrap(Course.source(named: "2"))
        XCTAssertEqual(source.name, "02-loss.md")
        var copy = try XCTUnwrap(LessonParser.parse(text: source.text, path: "/tmp/x/02-loss.md").0)
        XCTAssertEqual(LessonClashes.check([copy], builtIn: Course.load()), [])
        copy.path = "/tmp/x/my-loss.md"
        XCTAssertEqual(LessonClashes.check([copy], builtIn: Course.load()).map(\.description),
                       ["/tmp/x/my-loss.md:2: id 'loss' is the id of built-in lesson 2 (02-loss.md); give this lesson its own id"])
    }

    func testAReadOnlyStoreNeverWrites() throws {
        let directory = base + "/state"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "{ broken".write(toFile: directory + "/progress.json", atomically: true, encoding: .utf8)
        let store = ProgressStore(directory: directory, readOnly: true)
        XCTAssertEqual(store.warning, "progress file \(directory)/progress.json ignored (not valid progress JSON); left as it is (the next lesson you take sets it aside)")
        XCTAssertFalse(store.markCompleted(lesson: "loss"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory), ["progress.json"])
        XCTAssertEqual(try String(contentsOfFile: directory + "/progress.json", encoding: .utf8), "{ broken")
    }

    func testTheReportListsTheCourseThenWhatIsSavedForOthers() throws {
        let lesson = try XCTUnwrap(LessonParser.parse(text: Self.lesson, path: "s.md").0)
        let progress = Progress(lessons: [
            "custom:small": LessonProgress(completed: false, stopIndex: 0, eventIndex: 3, answers: [
                "gone": RecordedAnswer(answer: "x", correct: false, attempts: 2),
                "sum": RecordedAnswer(answer: "+", correct: true),
            ]),
            "old": LessonProgress(completed: true),
        ])
        let report = ProgressReport(lessons: [lesson], progress: progress)
        XCTAssertEqual(report.lessons.map(\.key), ["custom:small", "old"])
        XCTAssertEqual(report.lessons[0].status, "in progress")
        XCTAssertEqual(report.lessons[0].stop, 1)
        // The lesson's own stops first, then answers to stops it no longer has; older files have no attempts: 1 try.
        XCTAssertEqual(report.lessons[0].answers, [
            ProgressReport.AnswerReport(stop: 1, stopId: "sum", stopTitle: "Sum", result: "right", tries: 1, answer: "+"),
            ProgressReport.AnswerReport(stop: nil, stopId: "gone", stopTitle: nil, result: "wrong", tries: 2, answer: "x"),
        ])
        XCTAssertEqual(report.lessons[1].source, "unknown")
        XCTAssertEqual(report.lessons[1].status, "completed")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        XCTAssertEqual(try decoder.decode(ProgressReport.self, from: Data(report.json().utf8)), report)
    }
}
