import NNCore
import NNRender
import NNTestSupport
import XCTest

final class DecisionBoundaryWidgetTests: XCTestCase {
    /// OR: (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→1.
    let or = [
        Sample(x: SIMD2(0, 0), y: 0), Sample(x: SIMD2(0, 1), y: 1),
        Sample(x: SIMD2(1, 0), y: 1), Sample(x: SIMD2(1, 1), y: 1),
    ]

    func testLineAndShadingForW11BMinusHalf() {
        // An 8×8 plot: cells 0.25 wide, centres x₁ = −0.375 + 0.25c, x₂ = 1.375 − 0.25r, so
        // z = x₁ + x₂ − 0.5 = 0.5 + 0.25(c − r). The line (|z| ≤ 0.125) is where c − r = −2, drawn "\"
        // because it falls to the right. Shade level ⌊10·σ(z)⌋ on " .:;+=*#%@" by d = c − r:
        //   d −7 σ(−1.25)=.223 ":"   −6 σ(−1)=.269 ":"   −5 σ(−.75)=.321 ";"   −4 σ(−.5)=.378 ";"
        //   −3 σ(−.25)=.438 "+"   −1 σ(.25)=.562 "="   0 σ(.5)=.622 "*"   1 σ(.75)=.679 "*"
        //    2 σ(1)=.731 "#"   3 σ(1.25)=.777 "#"   4..6 σ(1.5..2)=.818..881 "%"   7 σ(2.25)=.905 "@"
        // Points fall in columns/rows ⌊(x₁+0.5)·4⌋, ⌊(1.5−x₂)·4⌋: x = 0 → 2, x = 1 → 6.
        let widget = DecisionBoundaryWidget(
            network: neuron(1, 1, -0.5), samples: or, currentSample: 1, ascii: true, labels: false)
        let buffer = render(widget, width: 10, height: 10, area: Rect(x: 1, y: 1, width: 8, height: 8))
        assertLines(buffer, [
            "~~~~~~~~~~",
            "~**##%%%@~",
            "~=**##%%%~",
            "~\\=x*##x%~",
            "~+\\=**##%~",
            "~;+\\=**##~",
            "~;;+\\=**#~",
            "~:;o+\\=x*~",
            "~::;;+\\=*~",
            "~~~~~~~~~~",
        ])
        // The current sample, (0, 1), is reversed; the others are not.
        XCTAssertTrue(buffer[3, 3].style.reverse)
        XCTAssertTrue(buffer[3, 3].style.bold)
        XCTAssertFalse(buffer[7, 3].style.reverse)
        XCTAssertFalse(buffer[3, 7].style.reverse)
        // Line cells are bold.
        XCTAssertTrue(buffer[1, 3].style.bold)
    }

    func testUnicodeShadingMatchesIndependentSigmoid() {
        // W = (4, −3), b = 0.75 on a 20×10 plot: every shaded cell's level must be ⌊4·σ(z)⌋ at its
        // centre, and every line cell must be within half a cell step of z = 0. Centres are
        // x₁ = −0.45 + 0.1c, x₂ = 1.4 − 0.2r, so z = −5.25 + 0.4c + 0.6r never sits exactly on ±0.3.
        let W = SIMD2<Double>(4, -3), b = 0.75
        let widget = DecisionBoundaryWidget(network: neuron(W.x, W.y, b), samples: [], labels: false)
        let buffer = render(widget, width: 20, height: 10, area: Rect(x: 0, y: 0, width: 20, height: 10))
        let shades: [Character] = [" ", "░", "▓", "█"]
        var lineCellsInColumn = Array(repeating: 0, count: 20)
        for row in 0..<10 {
            for column in 0..<20 {
                let x1 = -0.5 + (Double(column) + 0.5) * 0.1
                let x2 = 1.5 - (Double(row) + 0.5) * 0.2
                let z = 4 * x1 - 3 * x2 + 0.75
                let character = buffer[column, row].character
                // z moves 0.4 a column and 0.6 a row: the line is |z| ≤ 0.3 (scaled by 4: 0.075 of 0.25).
                if abs(z) <= 0.3 + 1e-9 {
                    XCTAssertEqual(character, "╱", "(\(column),\(row)) z=\(z)")
                    lineCellsInColumn[column] += 1
                } else {
                    let level = min(3, Int(4 / (1 + exp(-z))))
                    XCTAssertEqual(character, shades[level], "(\(column),\(row)) z=\(z)")
                }
            }
        }
        // z changes 0.6 a row, the band is 0.6 wide: at most one line cell in each column,
        // and the line (x₂ = (4x₁ + 0.75)/3) crosses the plot, so some are drawn.
        XCTAssertTrue(lineCellsInColumn.allSatisfy { $0 <= 1 })
        XCTAssertGreaterThan(lineCellsInColumn.reduce(0, +), 5)
    }

    func testZeroWeightsShadeEvenlyWithNoLine() {
        // σ(0) = 0.5: level ⌊4 · 0.5⌋ = 2, "▓" (ŷ ≥ 0.5 predicts 1), everywhere; no line at all.
        let widget = DecisionBoundaryWidget(network: neuron(0, 0, 0), samples: [])
        let buffer = render(widget, width: 6, height: 5, area: Rect(x: 1, y: 1, width: 4, height: 3))
        assertLines(buffer, ["~~~~~~", "~▓▓▓▓~", "~▓▓▓▓~", "~▓▓▓▓~", "~~~~~~"])
    }

    func testLabelsAndPointsWithoutWeights() {
        // 12×6 gets labels but no legend (under 20 wide): a 4-column gutter, so the plot is 8×5 from
        // column 5. x = 0 → column ⌊0.25·8⌋ = 2 (5 + 2 = 7), x = 1 → ⌊0.75·8⌋ = 6 (11);
        // x[1] = 1 → row ⌊0.25·5⌋ = 1, x[1] = 0 → row ⌊0.75·5⌋ = 3. Ticks end one column left of the
        // plot; x[0]'s name needs a gap after the "1" at column 11: no room.
        let widget = DecisionBoundaryWidget(network: nil, samples: or, currentSample: nil, ascii: true)
        let buffer = render(widget, width: 14, height: 8, area: Rect(x: 1, y: 1, width: 12, height: 6))
        assertLines(buffer, [
            "~~~~~~~~~~~~~~",
            "~x[1]        ~",
            "~  1   x   x ~",
            "~            ~",
            "~  0   o   x ~",
            "~            ~",
            "~      0   1 ~",
            "~~~~~~~~~~~~~~",
        ])
    }

    func testUnicodeMarkersAndAxisName() {
        // 22×6: plot 18×5 from column 4; x = 0 → column 4 + ⌊0.25·18⌋ = 8, x = 1 → 4 + ⌊0.75·18⌋ = 17.
        // "x[0]" would start at column 18, touching the "1": left out.
        let widget = DecisionBoundaryWidget(network: nil, samples: [or[0], or[3]], currentSample: 0)
        let buffer = render(widget, width: 22, height: 6, area: Rect(x: 0, y: 0, width: 22, height: 6))
        assertLines(buffer, [
            "x[1]                  ",
            "  1              ●    ",
            "                      ",
            "  0     ○             ",
            "                      ",
            "        0        1    ",
        ])
        XCTAssertTrue(buffer[8, 3].style.reverse)
        XCTAssertFalse(buffer[17, 1].style.reverse)
        // 26 wide: the plot is 22 wide, "1" sits at column 4 + ⌊0.75·22⌋ = 20, and "x[0]" fits at 22.
        let wide = render(widget, width: 26, height: 6, area: Rect(x: 0, y: 0, width: 26, height: 6))
        XCTAssertEqual(wide.lines[5], "         0          1 x[0]")
    }

    func testLegendSaysWhatTheMarksMean() {
        // 30×12: room for a legend row. No cell holds both classes, so "both" is not explained.
        let widget = DecisionBoundaryWidget(network: neuron(1, 1, -0.5), samples: or)
        let buffer = render(widget, width: 30, height: 12, area: Rect(x: 0, y: 0, width: 30, height: 12))
        XCTAssertEqual(buffer.lines[11].trimmingCharacters(in: .whitespaces), "○ ●: y = 0, 1  ╲: ŷ = 0.5")
        // A held-out test set (the last two samples) is marked apart and named.
        let test = DecisionBoundaryWidget(network: nil, samples: or, trainingCount: 2)
        let split = render(test, width: 40, height: 12, area: Rect(x: 0, y: 0, width: 40, height: 12))
        XCTAssertEqual(split.lines[11].trimmingCharacters(in: .whitespaces), "○ ●: y = 0, 1  ◇ ◆: test  ░▓█: ŷ → 1")
        XCTAssertTrue(split.lines.joined().contains("◆"))
    }

    func testColourRunsBlueToRed() {
        let widget = DecisionBoundaryWidget(network: neuron(1, 1, -0.5), samples: [], ascii: true, color: true, labels: false)
        let buffer = render(widget, width: 8, height: 8, area: Rect(x: 0, y: 0, width: 8, height: 8))
        // Bottom-left centre z = −1.25, ŷ = 0.22: blue. Top-right z = 2.25, ŷ = 0.90: red.
        XCTAssertEqual(buffer[0, 7].style.foreground, .blue)
        XCTAssertEqual(buffer[7, 0].style.foreground, .red)
        // (c, r) = (3, 5): z = 0 lies on the line, drawn yellow.
        XCTAssertEqual(buffer[3, 5].style.foreground, .yellow)
    }

    func testHugeAndNaNWeightsDoNotTrap() {
        let cases = [
            neuron(1e308, 1e308, -1e308),
            neuron(.infinity, 0, 0),
            neuron(.nan, 1, 0),
            neuron(-.infinity, .infinity, .nan),
        ]
        for neuron in cases {
            let widget = DecisionBoundaryWidget(network: neuron, samples: or, currentSample: 2)
            let buffer = render(widget, width: 16, height: 9, area: Rect(x: 1, y: 1, width: 14, height: 7))
            assertUntouched(outside: Rect(x: 1, y: 1, width: 14, height: 7), of: buffer)
            assertSafeInTinyAreas(widget)
        }
        // Scaled to W = (1, 1), b = −1, the huge neuron still draws the line x₁ + x₂ = 1.
        let huge = DecisionBoundaryWidget(network: cases[0], samples: [], ascii: true, labels: false)
        let buffer = render(huge, width: 8, height: 8, area: Rect(x: 0, y: 0, width: 8, height: 8))
        // z/1e308 = (−0.375 + 0.25c) + (1.375 − 0.25r) − 1 = 0.25(c − r): on the line where c = r.
        for i in 0..<8 { XCTAssertEqual(buffer[i, i].character, "\\", "(\(i),\(i))") }
    }

    func testLineGlyphFollowsTheSlope() {
        // An 8×8 plot: a cell is 0.25 each way, and on screen a column counts half a row.
        let area = Rect(x: 0, y: 0, width: 8, height: 8)
        func glyph(_ w1: Double, _ w2: Double, ascii: Bool = true) -> Character? {
            DecisionBoundaryWidget(network: neuron(w1, w2, -0.5), samples: [], ascii: ascii, labels: false)
                .lineGlyph(in: area)
        }
        XCTAssertEqual(glyph(1, 1), "\\")     // x₂ = 0.5 − x₁ falls to the right
        XCTAssertEqual(glyph(1, -1), "/")      // x₂ = x₁ − 0.5 rises
        XCTAssertEqual(glyph(1, 0), "|")       // x₁ = 0.5
        XCTAssertEqual(glyph(0, 1), "-")       // x₂ = 0.5
        XCTAssertEqual(glyph(1, 1, ascii: false), "╲")
        XCTAssertNil(glyph(0, 0))
        XCTAssertNil(DecisionBoundaryWidget(network: nil, samples: []).lineGlyph(in: area))
        XCTAssertNil(glyph(.nan, .infinity))
    }

    func testTinyAreas() {
        let widget = DecisionBoundaryWidget(network: neuron(1, 1, -0.5), samples: or, currentSample: 0)
        assertSafeInTinyAreas(widget)
        // 1×1: every point lands in the one cell, which then holds both classes; it is the current sample's.
        let one = render(widget, width: 3, height: 3, area: Rect(x: 1, y: 1, width: 1, height: 1))
        assertLines(one, ["~~~", "~◐~", "~~~"])
        XCTAssertTrue(one[1, 1].style.reverse)
    }
}
