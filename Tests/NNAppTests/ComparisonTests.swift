import XCTest
import NNCore
import NNRender
@testable import NNApp

final class ComparisonTests: XCTestCase {
    func model(_ a: TrainingSetup, _ b: TrainingSetup, labels: [String], width: Int = 120, height: Int = 40) -> TutorModel {
        TutorModel(session: TraceSession(setup: a), width: width, height: height, ascii: false, color: false,
                   comparison: Comparison(labels: labels, other: TraceSession(setup: b)))
    }

    func testTheSecondRunFollowsStepByStep() throws {
        var m = model(TrainingSetup(data: .builtin(.or), epochs: 50), TrainingSetup(data: .builtin(.or), learningRate: 0.001, epochs: 50),
                      labels: ["lr=0.5", "lr=0.001"])
        for key in [InputKey.character("e"), .character("n"), .right, .right, .right, .right, .right] {
            TutorUpdate.update(&m, .key(key))
        }
        let comparison = try XCTUnwrap(m.comparison)
        let aligned = try XCTUnwrap(comparison.alignedEvent(m.cursor, in: m.session))
        let a = try XCTUnwrap(m.snapshot), b = comparison.other.recorder.snapshot(at: aligned)
        XCTAssertEqual(a.event.step, b.event.step)
        XCTAssertEqual(a.event.phase, b.event.phase)
        XCTAssertEqual(a.event.name, b.event.name)
        // Same inputs, different learning rates: from the second step on, the weights differ.
        XCTAssertEqual(a.values.x, b.values.x)
        XCTAssertNotEqual(a.values.values(.weights, layer: 1, phase: .forward), b.values.values(.weights, layer: 1, phase: .forward))
        // Stepping back shows exactly the same pair of screens again.
        let before = TutorView.view(m)
        TutorUpdate.update(&m, .key(.right))
        TutorUpdate.update(&m, .key(.left))
        XCTAssertEqual(TutorView.view(m), before)
    }

    func testDifferentNetworksAlignByStep() throws {
        // One neuron against a 2-2-1 network: steps publish different numbers of values, so the
        // second run is clamped to the same step rather than the same event index.
        var m = model(TrainingSetup(data: .builtin(.xor), epochs: 5), TrainingSetup(data: .builtin(.xor), epochs: 5, architecture: Architecture(hidden: [2])),
                      labels: ["neuron", "hidden=2"])
        for _ in 0..<20 { TutorUpdate.update(&m, .key(.right)) }
        let comparison = try XCTUnwrap(m.comparison)
        let b = comparison.other.recorder.snapshot(at: try XCTUnwrap(comparison.alignedEvent(m.cursor, in: m.session)))
        XCTAssertEqual(m.snapshot?.event.step, b.event.step)
    }

    func testGoldenFrames() {
        for (width, height) in GoldenFrameTests.sizes {
            var m = model(TrainingSetup(data: .builtin(.or), epochs: 100), TrainingSetup(data: .builtin(.or), epochs: 100, mode: .notebook),
                          labels: ["mode=corrected", "mode=notebook"], width: width, height: height)
            for key in [InputKey.character(":"), .character("4"), .character("0"), .enter] + Array(repeating: InputKey.right, count: 9) {
                TutorUpdate.update(&m, .key(key))
            }
            let buffer = TutorView.view(m)
            let screen = buffer.lines.joined(separator: "\n")
            XCTAssertTrue(screen.contains("mode=corrected") && screen.contains("mode=notebook"), screen)
            XCTAssertTrue(screen.contains("∂L/∂ŷ = −2(y − ŷ)") && screen.contains("∂L/∂ŷ = 2(y − ŷ)"), screen)
            GoldenFrame.assertMatches(buffer, named: "compare-corrected-notebook")
        }
    }
}
