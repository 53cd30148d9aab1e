import Foundation
import XCTest
import NNRender

/// Whole-screen text frames stored under Tests/NNAppTests/Golden.
/// Re-record after an intended change with `NN_TUTOR_RECORD_GOLDEN=1 swift test`, then read the diff.
enum GoldenFrame {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["NN_TUTOR_RECORD_GOLDEN"] == "1" }

    static func assertMatches(_ buffer: Buffer, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = directory.appendingPathComponent("\(name)-\(buffer.width)x\(buffer.height).txt")
        let text = buffer.lines.joined(separator: "\n") + "\n"
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            XCTAssertNoThrow(try text.write(to: url, atomically: true, encoding: .utf8), file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("no golden frame \(url.lastPathComponent); record it with NN_TUTOR_RECORD_GOLDEN=1 swift test", file: file, line: line)
            return
        }
        if expected != text {
            let got = text.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
            XCTFail("""
                frame differs from \(url.lastPathComponent) at row \(firstDifference):
                got:  \(firstDifference < got.count ? String(got[firstDifference]) : "<none>")
                want: \(firstDifference < want.count ? String(want[firstDifference]) : "<none>")
                (re-record with NN_TUTOR_RECORD_GOLDEN=1 if the change is intended)
                """, file: file, line: line)
        }
    }
}
