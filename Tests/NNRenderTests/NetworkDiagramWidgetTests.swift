import NNCore
import NNRender
import NNTestSupport
import XCTest

final class NetworkDiagramWidgetTests: XCTestCase {
    typealias Entry = (String, [Double])

    let forward: [Entry] = [
        ("forward.x", [0, 1]), ("forward.y", [1]), ("forward.W", [-1.1119, 0.3189]),
        ("forward.b", [0.279]), ("forward.z", [0.5979]), ("forward.y_hat", [0.6452]),
        ("forward.loss", [0.1259]),
    ]
    let backward: [Entry] = [
        ("backward.dL_dyhat", [-0.7096]), ("backward.dyhat_dz", [0.2289]),
        ("backward.dz_dW", [0, 1]), ("backward.dL_dW", [0, -0.1624]),
    ]

    /// A snapshot whose cursor is on the last entry.
    func snapshot(_ entries: [Entry]) -> TraceSnapshot { NNTestSupport.snapshot(entries) }

    /// A row of `width` spaces with each text placed at its column: the layout written out by hand.
    func row(_ width: Int, _ parts: (Int, String)...) -> String {
        var cells = Array(repeating: Character(" "), count: width)
        for (column, text) in parts {
            for (i, character) in text.enumerated() { cells[column + i] = character }
        }
        return String(cells)
    }

    func testForwardDiagram() {
        // The layout: inputs join at column 17; Σ box columns 19–30 and σ box 33–44, rows 2–6;
        // b enters Σ at column 21; ŷ leaves σ downwards at column 38; y and L from column 32.
        let widget = NetworkDiagramWidget(snapshot: snapshot(forward), schema: neuronSchema)
        let buffer = render(widget, width: 46, height: 11, area: Rect(x: 0, y: 0, width: 46, height: 11))
        assertLines(buffer, [
            row(46, (0, "W[0] −1.1119"), (21, "b 0.2790")),
            row(46, (0, "x[0] 0"), (7, "──────────┐"), (21, "│")),
            row(46, (17, "│"), (19, "┌─▼────────┐"), (33, "┌──────────┐")),
            row(46, (17, "└►│Σ: z"), (30, "│"), (33, "│σ: ŷ"), (44, "│")),
            row(46, (19, "│ 0.5979"), (30, "├─►│ 0.6452"), (44, "│")),
            row(46, (17, "┌►│"), (30, "│"), (33, "│"), (44, "│")),
            row(46, (17, "│ └──────────┘"), (33, "└────┬─────┘")),
            row(46, (0, "x[1] 1"), (7, "──────────┘"), (38, "▼")),
            row(46, (0, "W[1] 0.3189"), (32, "y 1"), (37, "L 0.1259")),
            row(46),
            row(46, (0, "forward pass: values flow →")),
        ])
        // The cursor is on the loss: its label alone is highlighted.
        for x in 37...44 { XCTAssertEqual(buffer[x, 8].style, .highlight, "column \(x)") }
        XCTAssertEqual(buffer[32, 8].style, .plain)
        XCTAssertEqual(buffer[21, 4].style, .plain)
    }

    func testTheUpdateCaptionShortensToFit() {
        let update = forward + backward + [("backward.dL_db", [-0.1624]), ("update.W", [-1.1119, 0.4001]), ("update.b", [0.3603])]
        let widget = NetworkDiagramWidget(snapshot: snapshot(update), schema: neuronSchema)
        // 53 characters in full; 46 without "and" and "come"; 19 for the new values alone.
        XCTAssertEqual(widget.caption(width: 60), "update: new W and b; z and ŷ come with the next sample")
        XCTAssertEqual(widget.caption(width: 46), "update: new W and b; z, ŷ with the next sample")
        XCTAssertEqual(widget.caption(width: 30), "update: new W and b")
    }

    func testABatchUpdateShowsTheMeanGradientsItUses() {
        // Full batch: the last sample's own ∂L/∂W = (−0.2931, −0.2931), ∂L/∂b = −0.2931; the
        // batch's means, which the update uses, (−0.1469, −0.1500) and −0.0732.
        let schema = TraceSchema(architecture: Architecture(), averagesBatches: true)
        let entries: [Entry] = forward + [
            ("backward.dL_dyhat", [-1.2512]), ("backward.dyhat_dz", [0.2342]), ("backward.dz_dW", [1, 1]),
            ("backward.dL_dW", [-0.2931, -0.2931]), ("backward.dL_db", [-0.2931]),
            ("update.mean_dL_dW", [-0.1469, -0.15]), ("update.mean_dL_db", [-0.0732]),
        ]
        let widget = NetworkDiagramWidget(snapshot: NNTestSupport.snapshot(entries, schema: schema), schema: schema)
        let text = render(widget, width: 46, height: 11, area: Rect(x: 0, y: 0, width: 46, height: 11)).lines.joined(separator: "\n")
        XCTAssertTrue(text.contains("∂L/∂W[0] −0.1469"), text)
        XCTAssertTrue(text.contains("∂L/∂W[1] −0.1500"), text)
        XCTAssertTrue(text.contains("∂L/∂b −0.0732"), text)
        XCTAssertFalse(text.contains("−0.2931"), text)
        XCTAssertEqual(widget.caption(width: 46), "update: the batch's mean gradients")
        // Before the means are out, the sample's own.
        let before = NetworkDiagramWidget(snapshot: NNTestSupport.snapshot(Array(entries.dropLast(2)), schema: schema), schema: schema)
        let own = render(before, width: 46, height: 11, area: Rect(x: 0, y: 0, width: 46, height: 11)).lines.joined(separator: "\n")
        XCTAssertTrue(own.contains("∂L/∂W[0] −0.2931"), own)
    }

    func testBackwardDiagramASCII() {
        // Arrowheads turn round; gradients sit beside their edges; ∂L/∂b is not computed yet.
        // Right-hand labels move left to fit: "<-dy_hat/dz 0.2289" (18) from 46 − 18 = 28,
        // "<-dL/dy_hat -0.7096" (19) from 27. Left of the junction (16 columns) "<-dL/dW[1] -0.1624"
        // (18) drops its arrow rather than its number.
        let widget = NetworkDiagramWidget(snapshot: snapshot(forward + backward), schema: neuronSchema, ascii: true)
        let buffer = render(widget, width: 48, height: 13, area: Rect(x: 1, y: 1, width: 46, height: 11))
        let expected = [
            row(46, (0, "W[0] -1.1119"), (21, "b 0.2790")),
            row(46, (0, "x[0] 0"), (7, "----------+"), (21, "|"), (28, "<-dy_hat/dz 0.2289")),
            row(46, (0, "<-dL/dW[0] 0"), (17, "|"), (19, "+-^--------+"), (33, "+----------+")),
            row(46, (17, "+<|sum: z"), (30, "|"), (33, "|sig: y_hat|")),
            row(46, (19, "| 0.5979"), (30, "+<-| 0.6452"), (44, "|")),
            row(46, (17, "+<|"), (30, "|"), (33, "|"), (44, "|")),
            row(46, (0, "dL/dW[1] -0.1624"), (17, "| +----------+"), (33, "+----+-----+")),
            row(46, (0, "x[1] 1"), (7, "----------+"), (38, "^")),
            row(46, (0, "W[1] 0.3189"), (32, "y 1"), (37, "L 0.1259")),
            row(46, (27, "<-dL/dy_hat -0.7096")),
            row(46, (0, "backward pass: gradients flow <-")),
        ]
        assertLines(buffer, [String(repeating: "~", count: 48)] + expected.map { "~" + $0 + "~" } + [String(repeating: "~", count: 48)])
        // Cursor on ∂L/∂W: both its labels highlighted; other gradients bold.
        XCTAssertEqual(buffer[1, 3].style, .highlight)
        XCTAssertEqual(buffer[1, 7].style, .highlight)
        XCTAssertEqual(buffer[28, 10].style, .bold)
    }

    func testCompactWhenSmall() {
        // Items packed two spaces apart into 30 columns.
        let widget = NetworkDiagramWidget(
            snapshot: snapshot(forward + backward + [("backward.dL_db", [-0.1624])]), schema: neuronSchema)
        let buffer = render(widget, width: 30, height: 6, area: Rect(x: 0, y: 0, width: 30, height: 6))
        assertLines(buffer, [
            row(30, (0, "x (0, 1)  y 1")),
            row(30, (0, "W (−1.1119, 0.3189)  b 0.2790")),
            row(30, (0, "z 0.5979  ŷ 0.6452  L 0.1259")),
            row(30, (0, "←∂L/∂ŷ −0.7096  ←∂ŷ/∂z 0.2289")),
            row(30, (0, "←∂L/∂W (0, −0.1624)")),
            row(30, (0, "←∂L/∂b −0.1624")),
        ])
        XCTAssertEqual(buffer[0, 5].style, .highlight)
        // Forward only: no gradients; three rows show the first three rows of items.
        let short = render(NetworkDiagramWidget(snapshot: snapshot(forward), schema: neuronSchema), width: 30, height: 3,
                           area: Rect(x: 0, y: 0, width: 30, height: 3))
        assertLines(short, [
            row(30, (0, "x (0, 1)  y 1")),
            row(30, (0, "W (−1.1119, 0.3189)  b 0.2790")),
            row(30, (0, "z 0.5979  ŷ 0.6452  L 0.1259")),
        ])
    }

    func testNoSnapshot() {
        let buffer = render(NetworkDiagramWidget(snapshot: nil, schema: neuronSchema, ascii: true), width: 14, height: 2,
                            area: Rect(x: 0, y: 0, width: 14, height: 2))
        assertLines(buffer, ["no step yet   ", "              "])
        // The full diagram without values still draws: names, edges, boxes.
        let full = render(NetworkDiagramWidget(snapshot: nil, schema: neuronSchema), width: 46, height: 11, area: Rect(x: 0, y: 0, width: 46, height: 11))
        XCTAssertEqual(full.line(0), row(46, (0, "W[0]"), (21, "b")))
        XCTAssertEqual(full.line(10), row(46, (0, "no step yet")))
    }

    func testTinyAreas() {
        let widget = NetworkDiagramWidget(snapshot: snapshot(forward + backward), schema: neuronSchema, color: true)
        assertSafeInTinyAreas(widget)
        assertSafeInTinyAreas(NetworkDiagramWidget(snapshot: nil, schema: neuronSchema))
        // 1×1: the first item, "x (0, 1)", cut to one column is just the ellipsis.
        let one = render(widget, width: 3, height: 3, area: Rect(x: 1, y: 1, width: 1, height: 1))
        assertLines(one, ["~~~", "~…~", "~~~"])
        // Just under the diagram size: compact, inside the area.
        let almost = render(widget, width: 46, height: 11, area: Rect(x: 1, y: 1, width: 44, height: 10))
        assertUntouched(outside: Rect(x: 1, y: 1, width: 44, height: 10), of: almost)
        XCTAssertEqual(almost.line(1), "~" + row(44, (0, "x (0, 1)  y 1  W (−1.1119, 0.3189)  b 0.2790")) + "~")
    }
}
