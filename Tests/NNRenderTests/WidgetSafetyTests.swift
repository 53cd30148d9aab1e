import NNCore
import NNRender
import NNTestSupport
import XCTest

/// Every widget, in every area from 0×0 to 50×14 and in areas hanging off the buffer:
/// no trap, nothing written outside the area, only single-column glyphs.
final class WidgetSafetyTests: XCTestCase {
    func widgets() -> [(String, any Widget)] {
        let snapshot = NNTestSupport.snapshot([("forward.x", [1, 1]), ("forward.y", [1]), ("forward.W", [-.infinity, .nan]),
            ("forward.b", [1e300]), ("forward.z", [.nan]), ("forward.y_hat", [.nan]),
            ("forward.loss", [.nan]), ("backward.dL_dyhat", [-3.2e-7]), ("backward.dL_dW", [1]),], epochLosses: [1, .nan, 0.5])
        let samples = [Sample(x: SIMD2(0, 0), y: 0), Sample(x: SIMD2(.nan, 9), y: 1), Sample(x: SIMD2(-.infinity, 1), y: 0.5)]
        let lines = [
            EquationLine(phase: .forward, keys: [key("forward.z")], symbolic: "z = W·x + b", substituted: "(−1)(1) + (2)(0) + 0.5", result: "−0.5"),
            EquationLine(phase: .backward, keys: [key("backward.dL_dyhat")], symbolic: "∂L/∂ŷ = 2(y − ŷ)",
                         result: "1", mistake: "✗ minus sign dropped; correct: −2(y − ŷ) = −1"),
        ]
        var list: [(String, any Widget)] = []
        for ascii in [false, true] {
            list += ([
                ("sparkline", SparklineWidget(values: [3, 2, .infinity, 1, 0.5, 0.25, 0.1, 0.05, 0.01], ascii: ascii)),
                ("boundary", DecisionBoundaryWidget(network: neuron(3, -2, 0.4), samples: samples, currentSample: 1, ascii: ascii, color: true)),
                ("boundary nil", DecisionBoundaryWidget(network: nil, samples: [], currentSample: 7, ascii: ascii)),
                ("equations", EquationsWidget(lines: lines, current: key("backward.dL_dyhat"), ascii: ascii, color: true)),
                ("diagram", NetworkDiagramWidget(snapshot: snapshot, schema: neuronSchema, ascii: ascii, color: true)),
                ("status", StatusBarWidget(items: ["epoch 1/2", "sample 1/4", "η 0.1"], hint: "? help", ascii: ascii, color: true)),
                ("help", HelpOverlayWidget(entries: [("space", "next"), ("←/→", "step back/forward")], title: "keys", ascii: ascii)),
                ("frame", Frame(title: "decision ŷ", ascii: ascii)),
            ] as [(String, any Widget)]).map { ((ascii ? "ascii " : "") + $0.0, $0.1) }
        }
        return list
    }

    func testEveryAreaSize() {
        for (name, widget) in widgets() {
            for width in 0...50 {
                for height in 0...14 {
                    let area = Rect(x: 2, y: 2, width: width, height: height)
                    var buffer = Buffer(width: width + 4, height: height + 4, fill: Cell(sentinel))
                    widget.render(into: &buffer, area: area)
                    check(buffer, area: area, name: "\(name) \(width)×\(height)")
                }
            }
        }
    }

    func testAreasHangingOffTheBuffer() {
        let areas = [
            Rect(x: -5, y: -3, width: 20, height: 8), Rect(x: 10, y: 4, width: 30, height: 30),
            Rect(x: -100, y: 0, width: 5, height: 5), Rect(x: 0, y: 0, width: 1000, height: 1000),
        ]
        for (name, widget) in widgets() {
            for area in areas {
                var buffer = Buffer(width: 16, height: 7, fill: Cell(sentinel))
                widget.render(into: &buffer, area: area)
                check(buffer, area: area, name: "\(name) \(area)")
            }
        }
    }

    private func check(_ buffer: Buffer, area: Rect, name: String) {
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if !area.contains(x: x, y: y) {
                    guard cell == Cell(sentinel) else {
                        return XCTFail("\(name): wrote (\(x),\(y)) outside \(area)")
                    }
                    continue
                }
                let scalars = cell.character.unicodeScalars
                if name.hasPrefix("ascii"), !scalars.allSatisfy(\.isASCII) {
                    return XCTFail("\(name): (\(x),\(y)) holds non-ASCII \(cell.character)")
                }
                guard scalars.count == 1, let scalar = scalars.first,
                      scalar.value >= 0x20, scalar.value < 0x1100 || (0x2000..<0x2E80).contains(scalar.value)
                else {
                    return XCTFail("\(name): (\(x),\(y)) holds \(cell.character.unicodeScalars.map { String($0.value, radix: 16) })")
                }
            }
        }
    }
}
