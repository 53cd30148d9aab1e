import Foundation
import XCTest
import NNCore
@testable import NNPlain

final class HiddenLayerPlainTests: XCTestCase {
    func testJSONLWritesW1AsRowsAndParses() throws {
        let sink = OutputSink.memory()
        let bus = TraceBus()
        bus.attach(JSONLPrinter(sink: sink))
        Trainer(setup: TrainingSetup(data: .builtin(.xor), epochs: 2, architecture: Architecture(hidden: [3]), checkGradients: true), bus: bus).run()
        let lines = sink.text.split(separator: "\n").map(String.init)
        for line in lines { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)), line) }
        let w1 = try XCTUnwrap(lines.first { $0.contains(#""name": "W1""#) })
        // numpy's seed-42 draw after randint: randn(3, 2) starts −1.1118801180469204, 0.31890218468938336.
        XCTAssertTrue(w1.contains(#""value": [[-1.1118801180469204, 0.31890218468938336], [0.2790412922001377, 1.0105152848065264], ["#), w1)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(w1.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(object["value"] as? [[Double]])
        XCTAssertEqual(rows.count, 3)
        XCTAssertTrue(rows.allSatisfy { $0.count == 2 })
    }

    func testCSVHasAColumnPerComponent() {
        let sink = OutputSink.memory()
        let bus = TraceBus()
        let setup = TrainingSetup(data: .builtin(.xor), epochs: 3, architecture: Architecture(hidden: [2]))
        bus.attach(CSVPrinter(sink: sink, schema: TraceSchema(setup: setup)))
        Trainer(setup: setup, bus: bus).run()
        let rows = sink.text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows.count, 1 + 12)
        XCTAssertEqual(Set(rows.map(\.count)).count, 1)
        let header = rows[0].map(String.init)
        for column in ["W1[0][0]", "W1[1][1]", "b1[1]", "W2[0]", "b2", "z1[1]", "a1[0]", "dadz2", "delta2", "dL_da1[1]", "dadz1[0]", "delta1[1]",
                       "dL_dW1[1][0]", "W1_new[1][1]", "b2_new", "epoch_loss"] {
            XCTAssertTrue(header.contains(column), column)
        }
    }

    func testTextShowsTheLayerEquationsAndTheDeltaRecursion() {
        let sink = OutputSink.memory()
        TextReport(trainer: Trainer(setup: TrainingSetup(data: .builtin(.xor), epochs: 1, architecture: Architecture(hidden: [2])), bus: TraceBus()),
                   sink: sink, every: 1, ascii: false).run()
        let text = sink.text
        for expected in ["a 2-2-1 sigmoid network learns XOR", "z₁ = W₁x + b₁", "a₁ = σ(z₁)", "z₂ = W₂·a₁ + b₂",
                         "∂ŷ/∂z₂ = σ(z₂)(1 − σ(z₂))", "δ₂ = ∂L/∂ŷ · ∂ŷ/∂z₂", "∂L/∂a₁ = W₂ᵀδ₂", "∂a₁/∂z₁ = a₁(1 − a₁)",
                         "δ₁ = ∂L/∂a₁ ⊙ ∂a₁/∂z₁", "∂L/∂W₁ = δ₁ xᵀ", "W1 = randn(2, 2)", "W2 = randn(1, 2)",
                         "the boundary is the curve ŷ = 0.5"] {
            XCTAssertTrue(text.contains(expected), expected)
        }
        // Sample 0 of xor is x = (0, 0): each row of W₁x is 0, so z₁ = b₁ = (−0.5809, −0.5252) from numpy's draw.
        XCTAssertTrue(text.contains("z₁ = W₁x + b₁ = ((−1.1119)(0) + (0.3189)(0) − 0.5809, (0.2790)(0) + (1.0105)(0) − 0.5252) = (−0.5809, −0.5252)"), text)
    }
}
