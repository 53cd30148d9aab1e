import Foundation
import XCTest

@testable import NNLessons

/// Faults injected into the progress file and its directory: corrupt, truncated, hostile and wrong-version
/// contents; special files; an unusable directory; a write that fails half-way; no HOME; two tutors at once.
/// Progress is never lost, nothing traps, and no temporary file is left behind.
final class ProgressFaultTests: XCTestCase {
    var base = ""
    var state: String { base + "/state" }
    var file: String { state + "/progress.json" }

    override func setUpWithError() throws {
        base = NSTemporaryDirectory() + "nn-tutor-progress-fault-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        _ = try? BinaryShell.run("chattr -i '\(state)' 2>/dev/null")
        try? FileManager.default.removeItem(atPath: base)
    }

    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: state).sorted() }

    /// A store with some progress, saved.
    func goodStore() -> ProgressStore {
        let store = ProgressStore(directory: state)
        XCTAssertTrue(store.markCompleted(lesson: "loss"))
        XCTAssertTrue(store.recordPosition(lesson: "xor", stopIndex: 2, eventIndex: 77))
        XCTAssertTrue(store.recordAnswer(lesson: "xor", stop: "s", RecordedAnswer(answer: "up", correct: true)))
        return store
    }

    func testEveryTruncationAndHostileContentIsSetAsideWithoutLoss() throws {
        _ = goodStore()
        let full = try Data(contentsOf: URL(fileURLWithPath: file))
        let deep = String(repeating: "[", count: 100_000)
        var contents: [Data] = (0..<full.count).map { full.prefix($0) }  // every truncation
        contents += [
            "null", "[]", "{}", "\"progress\"", "1e999", deep, String(repeating: "{\"a\":", count: 50_000),
            #"{"version": "1", "lessons": {}}"#, #"{"version": 1e400, "lessons": {}}"#, #"{"version": -1, "lessons": {}}"#,
            #"{"version": 2, "lessons": {}}"#, #"{"version": 1, "lessons": []}"#, #"{"version": 1, "lessons": {"a": 5}}"#,
            #"{"version": 1, "lessons": {"a": {"completed": "yes", "answers": {}}}}"#,
            #"{"version": 1, "lessons": {"a": {"completed": true, "stopIndex": 1e30, "answers": {}}}}"#,
        ].map { Data($0.utf8) }
        contents += [Data([0xFF, 0xFE, 0x00]), Data(repeating: 0, count: 4096), Data("{\"version\": 1, \"lessons\": {\"\u{0}\": ".utf8)]
        for (i, data) in contents.enumerated() {
            try data.write(to: URL(fileURLWithPath: file))
            let store = ProgressStore(directory: state)
            let warning = try XCTUnwrap(store.warning, "content \(i) accepted: \(String(decoding: data.prefix(80), as: UTF8.self))")
            XCTAssertFalse(warning.contains("\n"))
            XCTAssertEqual(store.progress, Progress(), "content \(i)")
            // The bad file is kept byte for byte, and the next save starts a good file.
            let aside = try XCTUnwrap(try names().first { $0.hasPrefix("progress.json.corrupt-") }, "content \(i)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: state + "/" + aside)), data)
            XCTAssertTrue(store.markCompleted(lesson: "again"))
            XCTAssertTrue(ProgressStore(directory: state).isCompleted("again"))
            try FileManager.default.removeItem(atPath: state)
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        }
        print("ProgressFault: \(contents.count) corrupt, truncated or wrong-version files set aside")
    }

    func testPositionsNoLessonCanHaveAreDropped() throws {
        let text = #"{"version": 1, "lessons": {"a": {"completed": false, "stopIndex": 9223372036854775807, "eventIndex": -4, "answers": {}},"#
            + #" "b": {"completed": true, "stopIndex": 3, "eventIndex": 120, "answers": {}}}}"#
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        let store = ProgressStore(directory: state)
        XCTAssertNil(store.warning)
        // A view that prints "stop \(stopIndex + 1)" must never see Int.max.
        XCTAssertEqual(store.lesson("a"), LessonProgress(completed: false, stopIndex: nil, eventIndex: nil))
        XCTAssertEqual(store.lesson("b"), LessonProgress(completed: true, stopIndex: 3, eventIndex: 120))
    }

    func testSpecialFilesAreNeverReadButSetAside() throws {
        // A FIFO would block the read forever; a symbolic link to a device would never end.
        XCTAssertEqual(mkfifo(file, 0o600), 0)
        let fifo = ProgressStore(directory: state)
        XCTAssertTrue(fifo.warning?.contains("not a regular file") == true, "\(fifo.warning ?? "nil")")
        XCTAssertTrue(fifo.markCompleted(lesson: "a"))
        XCTAssertTrue(ProgressStore(directory: state).isCompleted("a"))

        try FileManager.default.removeItem(atPath: file)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: "/dev/zero")
        let link = ProgressStore(directory: state)
        XCTAssertTrue(link.warning?.contains("not a regular file") == true, "\(link.warning ?? "nil")")

        // A symbolic link to a good file is followed.
        _ = try? FileManager.default.removeItem(atPath: file)
        let real = base + "/elsewhere.json"
        try #"{"version": 1, "lessons": {"z": {"completed": true, "answers": {}}}}"#.write(toFile: real, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: real)
        XCTAssertTrue(ProgressStore(directory: state).isCompleted("z"))

        // Too large to be progress: set aside unread.
        try FileManager.default.removeItem(atPath: file)
        XCTAssertTrue(FileManager.default.createFile(atPath: file, contents: nil))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: file))
        try handle.truncate(atOffset: UInt64(ProgressStore.maxFileBytes + 1))  // sparse: no real disk used
        try handle.close()
        let big = ProgressStore(directory: state)
        XCTAssertTrue(big.warning?.contains("too large") == true, "\(big.warning ?? "nil")")
    }

    func testADirectoryNamedProgressJSONIsMovedAside() throws {
        try FileManager.default.createDirectory(atPath: file + "/inner", withIntermediateDirectories: true)
        let store = ProgressStore(directory: state)
        XCTAssertTrue(store.warning?.contains("it is a directory") == true, "\(store.warning ?? "nil")")
        XCTAssertTrue(store.markCompleted(lesson: "a"))
        XCTAssertTrue(ProgressStore(directory: state).isCompleted("a"))
    }

    func testAStateDirectoryThatIsAFileKeepsProgressInMemory() throws {
        try FileManager.default.removeItem(atPath: state)
        try "not a directory".write(toFile: state, atomically: false, encoding: .utf8)
        let store = ProgressStore(directory: state)
        XCTAssertNil(store.warning, "nothing to load is not a problem yet")
        XCTAssertFalse(store.markCompleted(lesson: "loss"))
        let warning = try XCTUnwrap(store.warning)
        XCTAssertTrue(warning.hasPrefix("could not save progress"), warning)
        XCTAssertFalse(warning.contains("\n"))
        XCTAssertTrue(store.isCompleted("loss"), "kept in memory")
        XCTAssertEqual(try String(contentsOfFile: state, encoding: .utf8), "not a directory", "the file is untouched")
    }

    func testAReadOnlyDirectoryKeepsThePreviousFile() throws {
        let store = goodStore()
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        // Root ignores permission bits, but not the immutable attribute (where the file system has it).
        let chattr = try BinaryShell.run("chattr +i '\(state)' 2>&1")
        guard chattr.status == 0 else { throw XCTSkip("chattr +i is not available here: \(chattr.output)") }
        XCTAssertFalse(store.markCompleted(lesson: "new"))
        XCTAssertNotNil(store.warning)
        XCTAssertTrue(store.isCompleted("new"), "kept in memory")
        _ = try BinaryShell.run("chattr -i '\(state)'")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), before)
        XCTAssertEqual(try names(), ["progress.json"])
    }

    func testAWriteThatFailsHalfWayKeepsThePreviousFile() throws {
        // A file-size limit makes the write fail part-way, as a full disk does.
        let store = goodStore()
        for i in 0..<50 { store.recordAnswer(lesson: "long", stop: "stop-\(i)", RecordedAnswer(answer: String(repeating: "x", count: 40), correct: false)) }
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        XCTAssertGreaterThan(before.count, 2_000)
        var old = rlimit()
        XCTAssertEqual(getrlimit(Int32(RLIMIT_FSIZE.rawValue), &old), 0)
        let oldHandler = signal(SIGXFSZ, SIG_IGN)
        var small = old
        small.rlim_cur = 512
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &small), 0)
        let saved = store.markCompleted(lesson: "after-limit")
        XCTAssertEqual(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &old), 0)
        signal(SIGXFSZ, oldHandler)
        XCTAssertFalse(saved)
        XCTAssertTrue(store.warning?.hasPrefix("could not save progress") == true, "\(store.warning ?? "nil")")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), before, "the previous good state survives")
        XCTAssertEqual(try names(), ["progress.json"], "no temporary file left")
        XCTAssertTrue(store.isCompleted("after-limit"))
        // Once the disk has room again, the next save writes everything.
        XCTAssertTrue(store.save())
        XCTAssertTrue(ProgressStore(directory: state).isCompleted("after-limit"))
    }

    func testNoHomeAndNoXDGStateHomeMeansMemoryOnly() throws {
        XCTAssertNil(ProgressStore.defaultDirectory(environment: [:]))
        XCTAssertNil(ProgressStore.defaultDirectory(environment: ["HOME": "", "XDG_STATE_HOME": ""]))
        XCTAssertNil(ProgressStore.defaultDirectory(environment: ["HOME": "relative/home"]))
        let store = ProgressStore(directory: ProgressStore.defaultDirectory(environment: [:]))
        XCTAssertNil(store.filePath)
        XCTAssertTrue(store.markCompleted(lesson: "a"))
        XCTAssertTrue(store.recordAnswer(lesson: "a", stop: "s", RecordedAnswer(answer: "1", correct: true)))
        XCTAssertTrue(store.reset())
        XCTAssertNil(store.warning)
        XCTAssertEqual(store.progress, Progress())
    }

    func testTwoTutorsAtOnceLoseNothing() throws {
        let a = ProgressStore(directory: state)
        let b = ProgressStore(directory: state)
        XCTAssertTrue(a.markCompleted(lesson: "one"))
        XCTAssertTrue(b.markCompleted(lesson: "two"))  // b loaded before a saved
        XCTAssertTrue(a.recordPosition(lesson: "xor", stopIndex: 1, eventIndex: 10))
        XCTAssertTrue(b.recordPosition(lesson: "xor", stopIndex: 3, eventIndex: 90))  // the latest position wins
        XCTAssertTrue(a.recordAnswer(lesson: "xor", stop: "p", RecordedAnswer(answer: "up", correct: true)))
        XCTAssertTrue(b.recordAnswer(lesson: "xor", stop: "q", RecordedAnswer(answer: "0", correct: false)))
        for i in 0..<40 {  // interleaved saves: the file is always whole
            XCTAssertTrue((i % 2 == 0 ? a : b).recordPosition(lesson: "and", stopIndex: i, eventIndex: i * 3))
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            XCTAssertEqual(try JSONDecoder().decode(Progress.self, from: data).lessons["and"]?.stopIndex, i)
        }
        let after = ProgressStore(directory: state)
        XCTAssertTrue(after.isCompleted("one") && after.isCompleted("two"), "\(after.progress)")
        XCTAssertEqual(after.lesson("xor").stopIndex, 3)
        XCTAssertEqual(after.lesson("xor").eventIndex, 90)
        XCTAssertEqual(Set(after.lesson("xor").answers.keys), ["p", "q"])
        XCTAssertEqual(after.lesson("and").stopIndex, 39)
        XCTAssertEqual(try names(), ["progress.json"], "no temporary files")
        // Each store also sees what the other saved.
        XCTAssertTrue(a.isCompleted("two"))
        // A reset in one tutor is not undone by the other's next save of a different lesson.
        XCTAssertTrue(a.reset(lesson: "one"))
        XCTAssertTrue(b.recordPosition(lesson: "and", stopIndex: 0, eventIndex: 0))
        XCTAssertFalse(ProgressStore(directory: state).isCompleted("one"))
        XCTAssertTrue(a.reset())
        XCTAssertEqual(ProgressStore(directory: state).progress, Progress())
    }

    func testTwoProcessesSavingAtOnceKeepEveryLesson() throws {
        // Real concurrency: threads with their own stores hammer the same file; every lesson survives.
        let writers = 4, each = 25
        let directory = state
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            let store = ProgressStore(directory: directory)
            for i in 0..<each { store.markCompleted(lesson: "w\(w)-\(i)") }
        }
        let after = ProgressStore(directory: state)
        XCTAssertNil(after.warning)
        XCTAssertEqual(after.progress.lessons.count, writers * each)
        XCTAssertEqual(try names(), ["progress.json"])
    }
}

/// A tiny shell runner for test set-up (chattr); posix_spawn, never Foundation's Process.
enum BinaryShell {
    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ command: String) throws -> Result {
        let out = NSTemporaryDirectory() + "nn-shell-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [String] = ["/bin/sh", "-c", command]
        let args = argv.map { strdup($0) } + [nil]
        defer { args.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", &actions, nil, args, environ) == 0 else { return Result(status: -1, output: "spawn failed") }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        return Result(status: (status >> 8) & 0xFF, output: output)
    }
}
