import NNCore
import NNRender
import XCTest

final class HiddenNetworkDiagramWidgetTests: XCTestCase {
    typealias Entry = (TracePhase, TraceName, TraceValue)

    // A 2-2-1 step worked by hand: x = (1, 1), y = 1, W₁ = [[1, −1], [0.5, 2]], b₁ = (0, −1),
    // W₂ = (2, −1), b₂ = 0.5.
    // z₁ = (1 − 1 + 0, 0.5 + 2 − 1) = (0, 1.5); a₁ = (σ(0), σ(1.5)) = (0.5, 0.8176);
    // z₂ = 2(0.5) − 0.8176 + 0.5 = 0.6824; ŷ = σ(0.6824) = 0.6643; L = (1 − 0.6643)² = 0.1127.
    let forward: [Entry] = [
        (.forward, .x, .vector([1, 1])), (.forward, .y, .scalar(1)),
        (.forward, .W1, .matrix([1, -1, 0.5, 2], columns: 2)), (.forward, .b1, .vector([0, -1])),
        (.forward, .W2, .vector([2, -1])), (.forward, .b2, .scalar(0.5)),
        (.forward, .z1, .vector([0, 1.5])), (.forward, .a1, .vector([0.5, 0.8176])),
        (.forward, .z2, .scalar(0.6824)), (.forward, .yHat, .scalar(0.6643)), (.forward, .loss, .scalar(0.1127)),
    ]
    // ∂L/∂ŷ = −2(1 − 0.6643) = −0.6714; δ₂ = −0.6714 · 0.6643 · 0.3357 = −0.1497;
    // ∂L/∂W₂ = δ₂ a₁ = (−0.0749, −0.1224); δ₁ = W₂δ₂ ⊙ a₁(1 − a₁) = (2(−0.1497)(0.25), (−1)(−0.1497)(0.1491))
    // = (−0.0749, 0.0223).
    let backward: [Entry] = [
        (.backward, .dLossDYHat, .scalar(-0.6714)), (.backward, .delta2, .scalar(-0.1497)),
        (.backward, .dLossDW2, .vector([-0.0749, -0.1224])), (.backward, .dLossDB2, .scalar(-0.1497)),
        (.backward, .delta1, .vector([-0.0749, 0.0223])),
    ]

    /// The snapshot a TraceRecorder gives with its cursor on the last entry.
    func snapshot(_ entries: [Entry]) -> TraceSnapshot {
        let recorder = TraceRecorder()
        for (phase, name, value) in entries {
            recorder.receive(TraceEvent(step: 0, epoch: 0, sample: 0, phase: phase, name: name, value: value))
        }
        return recorder.snapshot(at: recorder.count - 1)
    }

    /// A row of `width` spaces with each text placed at its column: the layout written out by hand.
    func row(_ width: Int, _ parts: (Int, String)...) -> String {
        var cells = Array(repeating: Character(" "), count: width)
        for (column, text) in parts {
            for (i, character) in text.enumerated() { cells[column + i] = character }
        }
        return String(cells)
    }

    // The layout at N = 2 (numbers laid out 7 wide): x labels 0–3, input bus at column 5, arrows at 6,
    // units from 7 (20 wide), edges from 28 (9 wide), output bus at 37, arrow 38, output column from 39
    // (11 wide): 50 columns. Rows 0–3 are the units, the output arrow at row 1, y and L at row 4,
    // ∂L/∂ŷ at row 5, the caption at row 6.

    func testForwardDiagram() {
        let widget = HiddenNetworkDiagramWidget(snapshot: snapshot(forward))
        let buffer = render(widget, width: 50, height: 7, area: Rect(x: 0, y: 0, width: 50, height: 7))
        assertLines(buffer, [
            row(50, (5, "┌►h₁ 0.5000 z 0"), (21, "────────2───────┐"), (39, "b₂ 0.5000")),
            row(50, (0, "x₁ 1─┤"), (7, "w (1, −1)"), (37, "├►z₂ 0.6824")),
            row(50, (0, "x₂ 1─┴►h₂ 0.8176 z 1.5000"), (26, "───−1──────┘"), (39, "ŷ 0.6643")),
            row(50, (7, "w (0.5000, 2)")),
            row(50, (37, "y 1  L 0.1127")),
            row(50),
            row(50, (0, "forward pass: values flow →")),
        ])
        // The cursor is on the loss: its label alone is highlighted.
        for x in 42...49 { XCTAssertEqual(buffer[x, 4].style, .highlight, "column \(x)") }
        XCTAssertEqual(buffer[37, 4].style, .plain)
        XCTAssertEqual(buffer[7, 0].style, .plain)
    }

    func testBackwardDiagram() {
        // Arrowheads turn round; δ₁ replaces z₁; ∂L/∂W₂ under each edge; δ₂ under ŷ; ∂L/∂ŷ (14 wide)
        // moves left from 39 to 50 − 14 = 36. Drawn at (1, 1) in a larger buffer: nothing outside.
        let widget = HiddenNetworkDiagramWidget(snapshot: snapshot(forward + backward))
        let buffer = render(widget, width: 52, height: 9, area: Rect(x: 1, y: 1, width: 50, height: 7))
        let expected = [
            row(50, (5, "┌◄h₁ 0.5000 ←δ −0.0749"), (28, "◄2───────┐"), (39, "b₂ 0.5000")),
            row(50, (0, "x₁ 1─┤"), (7, "w (1, −1)"), (28, "←−0.0749"), (37, "├◄z₂ 0.6824")),
            row(50, (0, "x₂ 1─┴◄h₂ 0.8176 ←δ 0.0223"), (27, "─◄−1──────┘"), (39, "ŷ 0.6643")),
            row(50, (7, "w (0.5000, 2)"), (28, "←−0.1224"), (39, "←δ₂ −0.1497")),
            row(50, (37, "y 1  L 0.1127")),
            row(50, (36, "←∂L/∂ŷ −0.6714")),
            row(50, (0, "backward pass: gradients flow ←")),
        ]
        let edge = String(repeating: "~", count: 52)
        assertLines(buffer, [edge] + expected.map { "~" + $0 + "~" } + [edge])
        // Cursor on δ₁: both units' δ labels highlighted (offset by the area's origin); other gradients bold.
        for x in 17...26 { XCTAssertEqual(buffer[1 + x, 1].style, .highlight, "column \(x)") }
        for x in 17...25 { XCTAssertEqual(buffer[1 + x, 3].style, .highlight, "column \(x)") }
        XCTAssertEqual(buffer[1 + 39, 4].style, .bold)
        XCTAssertEqual(buffer[1 + 28, 2].style, .bold)
        XCTAssertEqual(buffer[1 + 7, 1].style, .plain)
    }

    func testUpdateShowsNewWeights() {
        // η = 1: W₁ ← W₁ − δ₁xᵀ = [[1.0749, −0.9251], [0.4777, 1.9777]]; the cursor is on the new W₁.
        let update: [Entry] = [
            (.backward, .dLossDW1, .matrix([-0.0749, -0.0749, 0.0223, 0.0223], columns: 2)),
            (.backward, .dLossDB1, .vector([-0.0749, 0.0223])),
            (.update, .W1, .matrix([1.0749, -0.9251, 0.4777, 1.9777], columns: 2)),
        ]
        let buffer = render(HiddenNetworkDiagramWidget(snapshot: snapshot(forward + backward + update)),
                            width: 50, height: 7, area: Rect(x: 0, y: 0, width: 50, height: 7))
        XCTAssertEqual(buffer.line(1), row(50, (0, "x₁ 1─┤"), (7, "w (1.0749, −0.9251)"), (28, "←−0.0749"), (37, "├◄z₂ 0.6824")))
        XCTAssertEqual(buffer.line(3), row(50, (7, "w (0.4777, 1.9777)"), (28, "←−0.1224"), (39, "←δ₂ −0.1497")))
        for x in 7...25 { XCTAssertEqual(buffer[x, 1].style, .highlight, "column \(x)") }
        XCTAssertEqual(buffer.line(6), row(50, (0, "update: W ← W − η·∂L/∂W, b ← b − η·∂L/∂b")))
    }

    // N = 8: z₁ = (−2, −1.5, …, 1.5), a₁ = σ(z₁) = (0.1192, 0.1824, 0.2689, 0.3775, 0.5, 0.6225, 0.7311,
    // 0.8176); x = (0, 1) and W₁ rows (1, z₁[i]) with b₁ = 0 give those z₁. W₂ = 1, b₂ = −4:
    // z₂ = Σa₁ − 4 = 3.6192 − 4 = −0.3808, ŷ = σ(−0.3808) = 0.4059, y = 0, L = 0.4059² = 0.1648.
    let z1Eight: [Double] = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5]
    let a1Eight: [Double] = [0.1192, 0.1824, 0.2689, 0.3775, 0.5, 0.6225, 0.7311, 0.8176]
    var eight: [Entry] {
        [
            (.forward, .x, .vector([0, 1])), (.forward, .y, .scalar(0)),
            (.forward, .W1, .matrix(z1Eight.flatMap { [1, $0] }, columns: 2)), (.forward, .b1, .vector(Array(repeating: 0, count: 8))),
            (.forward, .W2, .vector(Array(repeating: 1, count: 8))), (.forward, .b2, .scalar(-4)),
            (.forward, .z1, .vector(z1Eight)), (.forward, .a1, .vector(a1Eight)),
            (.forward, .z2, .scalar(-0.3808)), (.forward, .yHat, .scalar(0.4059)), (.forward, .loss, .scalar(0.1648)),
        ]
    }

    func testEightUnitsFitIn52By20() {
        // Same columns as N = 2. Units on rows 0–15; x₁ at row 7, x₂ at row 8 (where the bus crosses
        // unit 5's edge); the output arrow at row 7 with b₂ above and ŷ below; y and L at row 16
        // (13 wide, so from 52 − 13 = 39), the caption at row 18.
        let buffer = render(HiddenNetworkDiagramWidget(snapshot: snapshot(eight)), width: 52, height: 20,
                            area: Rect(x: 0, y: 0, width: 52, height: 20))
        let names = ["h₁", "h₂", "h₃", "h₄", "h₅", "h₆", "h₇", "h₈"]
        for (i, name) in names.enumerated() {
            let line = buffer.line(2 * i)
            XCTAssertEqual(String(line.dropFirst(7).prefix(9)), name + " " + NumberFormat.short(a1Eight[i]), "unit \(i + 1)")
        }
        XCTAssertEqual(buffer.line(0), row(52, (5, "┌►h₁ 0.1192 z −2"), (22, "───────1───────┐")))
        XCTAssertEqual(buffer.line(6), row(52, (5, "├►h₄ 0.3775 z −0.5000"), (27, "──1───────┤"), (39, "b₂ −4")))
        XCTAssertEqual(buffer.line(7), row(52, (0, "x₁ 0─┤"), (7, "w (1, −0.5000)"), (37, "├►z₂ −0.3808")))
        XCTAssertEqual(buffer.line(8), row(52, (0, "x₂ 1─┼►h₅ 0.5000 z 0"), (21, "────────1───────┤"), (39, "ŷ 0.4059")))
        XCTAssertEqual(buffer.line(9), row(52, (5, "│"), (7, "w (1, 0)"), (37, "│")))
        XCTAssertEqual(buffer.line(14), row(52, (5, "└►h₈ 0.8176 z 1.5000"), (26, "───1───────┘")))
        XCTAssertEqual(buffer.line(15), row(52, (7, "w (1, 1.5000)")))
        XCTAssertEqual(buffer.line(16), row(52, (39, "y 0  L 0.1648")))
        XCTAssertEqual(buffer.line(17), row(52))
        XCTAssertEqual(buffer.line(18), row(52, (0, "forward pass: values flow →")))
        XCTAssertEqual(buffer.line(19), row(52))
    }

    func testCompactWhenSmall() {
        // 40×7 is too narrow for the diagram: items packed two spaces apart, layer by layer.
        let widget = HiddenNetworkDiagramWidget(snapshot: snapshot(forward + backward))
        let buffer = render(widget, width: 40, height: 7, area: Rect(x: 0, y: 0, width: 40, height: 7))
        assertLines(buffer, [
            row(40, (0, "x (1, 1)  y 1  W₁ ((1, −1), (0.5000, 2))")),
            row(40, (0, "b₁ (0, −1)  W₂ (2, −1)  b₂ 0.5000")),
            row(40, (0, "z₁ (0, 1.5000)  a₁ (0.5000, 0.8176)")),
            row(40, (0, "z₂ 0.6824  ŷ 0.6643  L 0.1127")),
            row(40, (0, "←∂L/∂ŷ −0.6714  ←δ₂ −0.1497")),
            row(40, (0, "←∂L/∂W₂ (−0.0749, −0.1224)")),
            row(40, (0, "←δ₁ (−0.0749, 0.0223)")),
        ])
        for x in 0...20 { XCTAssertEqual(buffer[x, 6].style, .highlight, "column \(x)") }
        XCTAssertEqual(buffer[0, 4].style, .bold)
        // One row short of the diagram (50×5): compact too; at 50 columns b₁ (2 + 10 after column 40)
        // no longer fits the first row.
        let short = render(widget, width: 50, height: 5, area: Rect(x: 0, y: 0, width: 50, height: 5))
        XCTAssertEqual(short.line(0), row(50, (0, "x (1, 1)  y 1  W₁ ((1, −1), (0.5000, 2))")))
        XCTAssertEqual(short.line(1), row(50, (0, "b₁ (0, −1)  W₂ (2, −1)  b₂ 0.5000  z₁ (0, 1.5000)")))
    }

    func testNoSnapshotAndNotAHiddenNetwork() {
        let none = render(HiddenNetworkDiagramWidget(snapshot: nil, ascii: true), width: 14, height: 2,
                          area: Rect(x: 0, y: 0, width: 14, height: 2))
        assertLines(none, ["no step yet   ", "              "])
        // A single-neuron step has no hidden units: the values it shares are listed.
        let neuron = snapshot([(.forward, .x, .vector([0, 1])), (.forward, .y, .scalar(1))])
        let buffer = render(HiddenNetworkDiagramWidget(snapshot: neuron), width: 60, height: 20, area: Rect(x: 0, y: 0, width: 60, height: 20))
        XCTAssertEqual(buffer.line(0), row(60, (0, "x (0, 1)  y 1")))
    }

    func testASCIIIsPureASCII() {
        for entries in [forward, forward + backward, eight] {
            let widget = HiddenNetworkDiagramWidget(snapshot: snapshot(entries), ascii: true, color: true)
            for (width, height) in [(52, 20), (70, 20), (40, 7), (80, 24)] {
                let buffer = render(widget, width: width, height: height, area: Rect(x: 0, y: 0, width: width, height: height))
                for line in buffer.lines {
                    XCTAssertTrue(line.unicodeScalars.allSatisfy(\.isASCII), "\(width)×\(height): \(line)")
                }
            }
        }
        // Wide enough, the ASCII diagram draws: units spelled h1, edges with +, - and <.
        let wide = render(HiddenNetworkDiagramWidget(snapshot: snapshot(forward + backward), ascii: true),
                          width: 70, height: 7, area: Rect(x: 0, y: 0, width: 70, height: 7))
        XCTAssertTrue(wide.line(0).contains("+<h1 0.5000 <-delta -0.0749"), wide.line(0))
    }

    /// Every area from 0×0 to 60×22, and areas hanging off the buffer: no trap, nothing written
    /// outside the area, single-column glyphs only.
    func testEveryAreaSize() {
        var widgets: [(String, HiddenNetworkDiagramWidget)] = []
        for ascii in [false, true] {
            let prefix = ascii ? "ascii " : ""
            widgets += [
                (prefix + "forward", HiddenNetworkDiagramWidget(snapshot: snapshot(forward), ascii: ascii, color: true)),
                (prefix + "backward", HiddenNetworkDiagramWidget(snapshot: snapshot(forward + backward), ascii: ascii)),
                (prefix + "eight", HiddenNetworkDiagramWidget(snapshot: snapshot(eight), ascii: ascii)),
                (prefix + "nil", HiddenNetworkDiagramWidget(snapshot: nil, ascii: ascii)),
            ]
        }
        for (name, widget) in widgets {
            assertSafeInTinyAreas(widget)
            for width in 0...60 {
                for height in 0...22 {
                    let area = Rect(x: 2, y: 2, width: width, height: height)
                    var buffer = Buffer(width: width + 4, height: height + 4, fill: Cell(sentinel))
                    widget.render(into: &buffer, area: area)
                    check(buffer, area: area, ascii: name.hasPrefix("ascii"), name: "\(name) \(width)×\(height)")
                }
            }
            for area in [Rect(x: -5, y: -3, width: 60, height: 22), Rect(x: 10, y: 4, width: 60, height: 30),
                         Rect(x: -100, y: 0, width: 5, height: 5), Rect(x: 0, y: 0, width: 1000, height: 1000)]
            {
                var buffer = Buffer(width: 40, height: 12, fill: Cell(sentinel))
                widget.render(into: &buffer, area: area)
                check(buffer, area: area, ascii: name.hasPrefix("ascii"), name: "\(name) \(area)")
            }
        }
        // 1×1: the first item cut to one column is the ellipsis.
        let one = render(HiddenNetworkDiagramWidget(snapshot: snapshot(forward)), width: 3, height: 3,
                         area: Rect(x: 1, y: 1, width: 1, height: 1))
        assertLines(one, ["~~~", "~…~", "~~~"])
    }

    private func check(_ buffer: Buffer, area: Rect, ascii: Bool, name: String) {
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                guard area.contains(x: x, y: y) else {
                    if cell != Cell(sentinel) { return XCTFail("\(name): wrote (\(x),\(y)) outside \(area)") }
                    continue
                }
                let scalars = cell.character.unicodeScalars
                if ascii, !scalars.allSatisfy(\.isASCII) {
                    return XCTFail("\(name): (\(x),\(y)) holds non-ASCII \(cell.character)")
                }
                guard scalars.count == 1, let scalar = scalars.first,
                      scalar.value >= 0x20, scalar.value < 0x1100 || (0x2000..<0x2E80).contains(scalar.value)
                else {
                    return XCTFail("\(name): (\(x),\(y)) holds \(scalars.map { String($0.value, radix: 16) })")
                }
            }
        }
    }
}
