import Foundation
import XCTest
@testable import NNApp

/// The README's keys table is the help screen's, row for row.
final class ReadmeKeysTests: XCTestCase {
    func testTheKeysTableListsEveryKeyOfTheHelpScreen() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try XCTUnwrap(text.range(of: "### Keys")).upperBound
        let rows = text[section...].split(separator: "\n").drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
            .dropFirst(2).map(String.init)
        XCTAssertEqual(rows, KeyHelp.entries.map { "| \($0.keys) | \($0.action) |" })
    }
}
