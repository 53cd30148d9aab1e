import Foundation
import XCTest

/// One version, read from Sources/NNCore/Version.swift, everywhere the tool states it.
final class VersionTests: XCTestCase {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The version as written in its one place.
    static func number() throws -> String {
        let source = try String(contentsOf: repository.appendingPathComponent("Sources/NNCore/Version.swift"), encoding: .utf8)
        let line = try XCTUnwrap(source.split(separator: "\n").first { $0.contains("static let number") })
        return try XCTUnwrap(line.split(separator: "\"").dropFirst().first.map(String.init))
    }

    func testVersionFlagAndHelpsFirstLine() throws {
        let number = try Self.number()
        let version = try BinaryRunner.shell("\"$NN\" --version")
        XCTAssertEqual(version.status, 0)
        XCTAssertEqual(version.stdout, "nn-tutor \(number)\n")
        let help = try BinaryRunner.shell("\"$NN\" --help")
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.hasPrefix("OVERVIEW: nn-tutor \(number): "), help.stdout)
    }
}
