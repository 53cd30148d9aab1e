import Foundation
import NNCore
import XCTest

@testable import NNLessons

/// The course in lessons/: every lesson checks clean, and the copy compiled into the binary is current.
final class ShippedCourseTests: XCTestCase {
    static let lessonsDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons")

    func lessonFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Self.lessonsDirectory.path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
    }

    func testEmbeddedCourseMatchesLessonFiles() throws {
        let files = try lessonFiles()
        XCTAssertEqual(BuiltInCourse.lessons.map(\.name), files, "the EmbedCourse plugin embeds every NN-name.md of lessons/")
        for (name, text) in BuiltInCourse.lessons {
            let onDisk = try String(contentsOf: Self.lessonsDirectory.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(text, onDisk, "\(name) differs from its embedded copy")
        }
    }

    func testEveryShippedLessonChecksCleanAndReachesEveryStop() throws {
        XCTAssertGreaterThanOrEqual(BuiltInCourse.lessons.count, 8)
        var ids = Set<String>()
        for (name, text) in BuiltInCourse.lessons {
            let path = "lessons/" + name
            XCTAssertEqual(LessonChecker.check(text: text, path: path).map(\.description), [], name)
            let (parsed, _) = LessonParser.parse(text: text, path: path)
            let lesson = try XCTUnwrap(parsed, name)
            XCTAssertTrue(ids.insert(lesson.id).inserted, "duplicate lesson id \(lesson.id)")
            // Train the whole setup, as the walkthrough does, and find every stop in order.
            let bus = TraceBus()
            let recorder = TraceRecorder()
            bus.attach(recorder)
            Trainer(setup: lesson.setup, bus: bus).run()
            let positions = StopLocator.locate(lesson: lesson, recorder: recorder)
            XCTAssertFalse(positions.contains(nil), "\(name): unreached stops \(positions)")
            let found = positions.compactMap { $0 }
            XCTAssertEqual(found, found.sorted(), name)
            for (stop, position) in zip(lesson.stops, found) {
                let snapshot = recorder.snapshot(at: position)
                let text = NarrativeRenderer.render(stop.narrative, snapshot: snapshot)
                XCTAssertFalse(text.contains("{{"), "\(name) \(stop.id)")
                XCTAssertFalse(text.contains(NarrativeRenderer.missing), "\(name) \(stop.id)")
                if let q = stop.question {
                    // The revealed answer, typed back, is accepted.
                    let typed = q.kind == .number ? String(q.expectedNumber(snapshot) ?? .nan) : q.answerText(snapshot: snapshot)
                    XCTAssertEqual(q.check(answer: typed, snapshot: snapshot).outcome, .correct, "\(name) \(stop.id)")
                }
            }
        }
    }

    func testReadmeExampleChecksClean() throws {
        let readme = try String(contentsOf: Self.lessonsDirectory.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try XCTUnwrap(readme.range(of: "````markdown\n"))
        let end = try XCTUnwrap(readme.range(of: "\n````", range: start.upperBound..<readme.endIndex))
        let example = String(readme[start.upperBound..<end.lowerBound])
        // Neither errors nor warnings: a teacher can start from it as it stands.
        XCTAssertEqual(LessonChecker.check(text: example, path: "README example").map(\.description), [])
    }

    func testCourseLoadsInOrderAndFindsLessonsByName() {
        let lessons = Course.load()
        XCTAssertEqual(lessons.count, BuiltInCourse.lessons.count)
        XCTAssertEqual(lessons.first?.id, "forward-pass")
        XCTAssertEqual(Course.lesson(named: "forward-pass")?.id, "forward-pass")
        XCTAssertEqual(Course.lesson(named: "01-forward-pass.md")?.id, "forward-pass")
        XCTAssertEqual(Course.lesson(named: "01-forward-pass")?.id, "forward-pass")
        XCTAssertEqual(Course.lesson(named: "1")?.id, "forward-pass")
        XCTAssertNil(Course.lesson(named: "no-such-lesson"))
    }
}
