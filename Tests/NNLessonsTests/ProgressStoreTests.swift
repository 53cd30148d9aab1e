import Foundation
import XCTest

@testable import NNLessons

/// Progress survives a round trip; corrupt files are set aside with a warning; failed writes keep the old file.
final class ProgressStoreTests: XCTestCase {
    var base = ""

    override func setUpWithError() throws {
        base = NSTemporaryDirectory() + "nn-tutor-progress-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: base)
    }

    var file: String { base + "/state/progress.json" }

    func testRoundTrip() {
        let store = ProgressStore(directory: base + "/state")
        XCTAssertNil(store.warning)
        XCTAssertFalse(store.isCompleted("loss"))
        XCTAssertTrue(store.markCompleted(lesson: "loss"))
        XCTAssertTrue(store.recordPosition(lesson: "xor", stopIndex: 1, eventIndex: 56))
        XCTAssertTrue(store.recordAnswer(lesson: "xor", stop: "first-epoch", RecordedAnswer(answer: "no", correct: true)))
        let again = ProgressStore(directory: base + "/state")
        XCTAssertNil(again.warning)
        XCTAssertTrue(again.isCompleted("loss"))
        XCTAssertEqual(again.lesson("xor"), LessonProgress(
            completed: false, stopIndex: 1, eventIndex: 56, answers: ["first-epoch": RecordedAnswer(answer: "no", correct: true)]))
        XCTAssertEqual(again.progress, store.progress)
        // No temporary files are left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: base + "/state"), ["progress.json"])
    }

    func corrupt(_ contents: String, expect reason: String) throws {
        try FileManager.default.createDirectory(atPath: base + "/state", withIntermediateDirectories: true)
        try contents.write(toFile: file, atomically: false, encoding: .utf8)
        let store = ProgressStore(directory: base + "/state")
        let warning = try XCTUnwrap(store.warning)
        XCTAssertFalse(warning.contains("\n"))
        XCTAssertTrue(warning.contains(reason), warning)
        XCTAssertEqual(store.progress, Progress())
        let names = try FileManager.default.contentsOfDirectory(atPath: base + "/state")
        XCTAssertEqual(names.count, 1)
        XCTAssertTrue(names[0].hasPrefix("progress.json.corrupt-"), "\(names)")
        // The set-aside copy is the original, byte for byte, and saving works again.
        XCTAssertEqual(try String(contentsOfFile: base + "/state/" + names[0], encoding: .utf8), contents)
        XCTAssertTrue(store.markCompleted(lesson: "a"))
        XCTAssertTrue(ProgressStore(directory: base + "/state").isCompleted("a"))
        try FileManager.default.removeItem(atPath: base + "/state")
    }

    func testCorruptFilesAreSetAside() throws {
        try corrupt("\u{1}garbage{{{", expect: "not valid progress JSON")
        try corrupt(#"{"version": 1, "lessons": {"a": {"completed": tr"#, expect: "not valid progress JSON")
        try corrupt(#"{"version": 99, "lessons": {}}"#, expect: "unsupported version 99")
        try corrupt(#"{"lessons": {}}"#, expect: "not valid progress JSON")
        try corrupt("", expect: "not valid progress JSON")
    }

    func testUnwritableDirectoryWarnsAndKeepsWorking() throws {
        // A directory below a regular file can never be created, even by root.
        try "x".write(toFile: base + "/plain-file", atomically: false, encoding: .utf8)
        let store = ProgressStore(directory: base + "/plain-file/nn-tutor")
        XCTAssertNil(store.warning)
        XCTAssertFalse(store.markCompleted(lesson: "loss"))
        XCTAssertNotNil(store.warning)
        XCTAssertTrue(store.isCompleted("loss"), "progress is kept in memory")
    }

    func testFailedWriteKeepsThePreviousFile() throws {
        let store = ProgressStore(directory: base + "/state")
        XCTAssertTrue(store.markCompleted(lesson: "one"))
        let before = try String(contentsOfFile: file, encoding: .utf8)
        // Occupy the temporary file's name with a directory, so the write fails before the rename.
        let temp = file + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: temp + "/blocker", withIntermediateDirectories: true)
        XCTAssertFalse(store.markCompleted(lesson: "two"))
        XCTAssertNotNil(store.warning)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), before)
        XCTAssertFalse(ProgressStore(directory: base + "/state").isCompleted("two"))
    }

    func testNoDirectoryMeansMemoryOnly() {
        let store = ProgressStore(directory: nil)
        XCTAssertTrue(store.markCompleted(lesson: "x"))
        XCTAssertNil(store.warning)
        XCTAssertTrue(store.isCompleted("x"))
    }

    func testDefaultDirectory() {
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]), "/s/nn-tutor")
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["HOME": "/h"]), "/h/.local/state/nn-tutor")
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]), "/h/.local/state/nn-tutor")
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": ""]), nil)
        XCTAssertNil(ProgressStore.defaultDirectory(environment: [:]))
    }
}
