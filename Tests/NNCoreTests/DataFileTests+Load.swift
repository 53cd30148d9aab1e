import Foundation
import XCTest
@testable import NNCore

/// `DataFile.load`: only regular files are read, nothing blocks, and each refusal is one line.
extension DataFileTests {
    func makeTempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nn-tutor-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    /// Runs `load` off the test's thread, so a hang fails the test instead of stopping the suite.
    func loadPromptly(_ path: String, file: StaticString = #filePath, line: UInt = #line) -> Result<[Sample], DataFileError>? {
        let done = expectation(description: "load returns")
        let box = ResultBox()
        DispatchQueue.global().async {
            box.set(DataFile.load(path: path))
            done.fulfill()
        }
        wait(for: [done], timeout: 5)
        return box.get()
    }

    func testRegularFileIsReadLikeParse() throws {
        let path = try makeTempDir().appendingPathComponent("data.csv").path
        try Data("x1,x2,y\n0,1,1\n".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(try DataFile.load(path: path).get(), [s(0, 1, 1)])
        try Data().write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(DataFile.load(path: path).failure?.description,
                       "\(path):1: the file is empty: it needs a header line naming x1, x2 and y, then one row per sample")
    }

    /// No writer: a blocking open would wait forever. The call must come back at once with the error.
    func testFIFOIsRefusedWithoutBlocking() throws {
        let path = try makeTempDir().appendingPathComponent("pipe.csv").path
        XCTAssertEqual(mkfifo(path, 0o600), 0)
        let start = ContinuousClock.now
        let result = loadPromptly(path)
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(1))
        XCTAssertEqual(result?.failure?.description,
                       "\(path):1: a named pipe (FIFO), not a regular file; save the data to a CSV file and give its path")
    }

    func testDirectoryDeviceAndMissingFiles() throws {
        let dir = try makeTempDir()
        XCTAssertEqual(DataFile.load(path: dir.path).failure?.description,
                       "\(dir.path):1: a directory, not a CSV file; give the path of a CSV file")
        XCTAssertEqual(DataFile.load(path: "/dev/null").failure?.description,
                       "/dev/null:1: a device, not a regular file; give the path of a CSV file")
        let missing = dir.appendingPathComponent("nope.csv").path
        XCTAssertEqual(DataFile.load(path: missing).failure?.description, "\(missing):1: no such file")
        let file = dir.appendingPathComponent("file.csv")
        try Data("x1,x2,y\n0,1,1\n".utf8).write(to: file)
        XCTAssertEqual(DataFile.load(path: file.path + "/data.csv").failure?.description,
                       "\(file.path)/data.csv:1: no such file (a part of the path is not a directory)")
        XCTAssertEqual(DataFile.load(path: "").failure?.description, ":1: no such file")
    }

    func testUnreadableFile() throws {
        try XCTSkipIf(geteuid() == 0, "root reads every file")
        let path = try makeTempDir().appendingPathComponent("secret.csv").path
        try Data("x1,x2,y\n0,1,1\n".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertEqual(chmod(path, 0), 0)
        XCTAssertEqual(DataFile.load(path: path).failure?.description, "\(path):1: cannot open: permission denied")
    }

    /// A huge file (sparse here) is refused from its size, without reading it.
    func testHugeFileIsRefusedUnread() throws {
        let path = try makeTempDir().appendingPathComponent("huge.csv").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        XCTAssertEqual(truncate(path, off_t(DataFile.maxBytes + 1)), 0)
        XCTAssertEqual(loadPromptly(path)?.failure?.description,
                       "\(path):1: the file is larger than 16 MiB; a data file may have at most 10000 samples")
    }

    func testSymlinkToAFileIsFollowed() throws {
        let dir = try makeTempDir()
        let target = dir.appendingPathComponent("real.csv")
        try Data("x1,x2,y\n1,1,0\n".utf8).write(to: target)
        let link = dir.appendingPathComponent("link.csv").path
        XCTAssertEqual(symlink(target.path, link), 0)
        XCTAssertEqual(try DataFile.load(path: link).get(), [s(1, 1, 0)])
    }
}

/// Hands a result from the loading thread back to the test.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<[Sample], DataFileError>?
    func set(_ value: Result<[Sample], DataFileError>) { lock.withLock { result = value } }
    func get() -> Result<[Sample], DataFileError>? { lock.withLock { result } }
}
