import XCTest
import NNCore
import NNRender
@testable import NNApp

/// Whole screens at 80×24 and 120×40, compared with frames a person has read and checked.
final class GoldenFrameTests: XCTestCase {
    static let sizes = [(80, 24), (120, 40)]

    func frames(_ setup: TrainingSetup, keys: [InputKey] = [], named name: String,
                file: StaticString = #filePath, line: UInt = #line, check: (String) -> Void = { _ in }) {
        for (width, height) in Self.sizes {
            var model = TutorModel(session: TraceSession(setup: setup), width: width, height: height, ascii: false, color: false)
            for key in keys { TutorUpdate.update(&model, .key(key)) }
            let buffer = TutorView.view(model)
            check(buffer.lines.joined(separator: "\n"))
            GoldenFrame.assertMatches(buffer, named: name, file: file, line: line)
        }
    }

    func testFirstStepOfSeed42() {
        // The notebook's own setup, as `nn-tutor` opens it: its sample x = (0, 1), η = 0.001.
        frames(TrainingSetup(data: .builtin(.notebook), learningRate: 0.001), keys: Array(repeating: .right, count: 4),
               named: "first-step-seed42") { screen in
            XCTAssertTrue(screen.contains("z = W·x + b = (−1.1119)(0) + (0.3189)(1) + 0.2790 = 0.5979"), screen)
        }
    }

    func testAfter500EpochsOnOr() {
        frames(TrainingSetup(data: .builtin(.or), epochs: 500), keys: [.character("G")], named: "or-500-epochs") { screen in
            XCTAssertTrue(screen.contains("end of epoch 499"), screen)
        }
    }

    func testNotebookModeAfterTheLossClimbed() {
        let keys: [InputKey] = [.character(":"), .character("5"), .character("0"), .enter, .character("n"), .character("n")]
        frames(TrainingSetup(data: .builtin(.or), epochs: 100, mode: .notebook), keys: keys, named: "notebook-loss-climbed") { screen in
            // The notebook's lines are marked, and the sparkline's "now" is above its "first".
            XCTAssertTrue(screen.contains("∂L/∂ŷ = 2(y − ŷ)") && screen.contains("✗"), screen)
            // At 80×24 the loss panel is one press of v away; where it shows, so does the climb.
            XCTAssertTrue(screen.contains("now 3") || !screen.contains("loss per epoch"), screen)
        }
        // Independent of the frame: the loss the sparkline draws did climb by epoch 50.
        let session = TraceSession(setup: TrainingSetup(data: .builtin(.or), epochs: 100, mode: .notebook))
        session.record(throughEvent: .max)
        let losses = session.recorder.epochLosses
        XCTAssertGreaterThan(losses[50], losses[0])
    }

    func testXorWithAHiddenLayer() {
        // 2-2-1 on xor after 500 epochs, in the backward pass of a step: δ₁ and the curved boundary show.
        let keys: [InputKey] = [.character(":"), .character("5"), .character("0"), .character("0"), .enter]
            + Array(repeating: .right, count: 15)
        frames(TrainingSetup(data: .builtin(.xor), architecture: Architecture(hidden: [2])), keys: keys, named: "xor-hidden2-epoch500") { screen in
            XCTAssertTrue(screen.contains("a 2-2-1 sigmoid network learns XOR"), screen)
            XCTAssertTrue(screen.contains("δ₂ = ∂L/∂ŷ · ∂ŷ/∂z₂ = (0.4512)(0.1747) = 0.0788"), screen)
            XCTAssertTrue(screen.contains("∙"), "the curved boundary is drawn")
        }
    }

    func testDeepTanhNetwork() {
        // 2-4-4-1 tanh on xor, cross-entropy, batches of 2: the last step's update after 300 epochs.
        let setup = TrainingSetup(data: .builtin(.xor), epochs: 300, architecture: Architecture(hidden: [4, 4]),
                                  activation: .tanh, loss: .crossEntropy, batch: .of(2))
        frames(setup, keys: [.character("G"), .left], named: "xor-2-4-4-1-tanh") { screen in
            XCTAssertTrue(screen.contains("a 2-4-4-1 tanh network learns XOR · cross-entropy, batches of 2"), screen)
            XCTAssertTrue(screen.contains("batch"), screen)
            for header in ["x", "δ₁", "δ₂", "δ₃"] { XCTAssertTrue(screen.contains(header), header) }
        }
    }

    func testReLUNetworkOnMoons() {
        // 2-8-1 ReLU on 100 moons points with the last 30 held out, three epochs in, backward
        // through the first sample: dead units are marked and explained; test points drawn apart.
        let setup = TrainingSetup(data: .generated(.moons, samples: 100, noise: 0.1, seed: 0), epochs: 300,
                                  architecture: Architecture(hidden: [8]), activation: .relu, testPercent: 30)
        let keys: [InputKey] = [.character("e"), .character("e"), .character("e")] + Array(repeating: .right, count: 16)
        frames(setup, keys: keys, named: "moons-2-8-1-relu") { screen in
            XCTAssertTrue(screen.contains("a 2-8-1 ReLU network learns 100 moons points"), screen)
            XCTAssertTrue(screen.contains("⊘"), screen)
            XCTAssertTrue(screen.contains("◇") || screen.contains("◆"), "test points:\n\(screen)")
        }
    }

    func testHelpOverlay() {
        frames(TrainingSetup(data: .builtin(.or), epochs: 10), keys: [.right, .character("?")], named: "help-overlay") { screen in
            for entry in KeyHelp.entries { XCTAssertTrue(screen.contains(entry.action), entry.action) }
        }
    }

    func testTooSmallTerminal() {
        var model = TutorModel(session: TraceSession(setup: TrainingSetup()), width: 60, height: 18, ascii: false, color: false)
        TutorUpdate.update(&model, .key(.right))
        XCTAssertTrue(TutorView.view(model).lines.contains { $0.contains("enlarge the terminal to at least 80×24") })
        model = TutorModel(session: TraceSession(setup: TrainingSetup()), width: 1, height: 1, ascii: true, color: false)
        XCTAssertEqual(TutorView.view(model).lines.count, 1)
    }

    func testASCIIScreenIsPureASCII() {
        var model = TutorModel(session: TraceSession(setup: TrainingSetup(data: .builtin(.or), epochs: 30, mode: .notebook)),
                               width: 120, height: 40, ascii: true, color: false)
        for key in [InputKey.character("e"), .character("e")] + Array(repeating: .right, count: 10) {
            TutorUpdate.update(&model, .key(key))
        }
        let screen = TutorView.view(model).lines.joined(separator: "\n")
        XCTAssertTrue(screen.unicodeScalars.allSatisfy(\.isASCII), screen)
        XCTAssertTrue(screen.contains("dL/dy_hat = 2(y - y_hat)"), screen)
    }
}
