import XCTest
@testable import NNApp

final class ProseTests: XCTestCase {
    func testParagraphsAreJoinedAndMarkersDropped() {
        let markdown = """
            The weights *raise* z when x is 1,
            so the **boundary** moves.

            - `or`: a line near the origin
            * `and`: further out
            Then 2 * 3 stays.
            """
        XCTAssertEqual(Prose.forPanel(markdown), """
            The weights raise z when x is 1, so the boundary moves.

            - or: a line near the origin
            - and: further out Then 2 * 3 stays.
            """)
    }
}
