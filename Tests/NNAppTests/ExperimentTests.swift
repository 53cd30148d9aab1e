import Foundation
import XCTest
import NNCore
import NNLessons
import NNRender
@testable import NNApp

/// A stop's `try:` experiment: chooser, the variant beside the lesson's run, and closing it.
final class ExperimentTests: XCTestCase {
    /// The lesson the end-to-end test drives too: its first stop offers `try: lr 0.05, 0.5, 5`.
    static var text: String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("NNTutorCLITests/Fixtures/experiment.md")
        return (try? String(contentsOf: path, encoding: .utf8)) ?? ""
    }

    func model() throws -> TutorModel {
        let (parsed, diagnostics) = LessonParser.parse(text: Self.text, path: "experiment.md")
        XCTAssertEqual(diagnostics.map(\.description), [])
        let lesson = try XCTUnwrap(parsed)
        return TutorModel(session: TraceSession(setup: lesson.setup), width: 100, height: 30, ascii: false, color: false,
                          lesson: LessonState(lesson: lesson))
    }

    func press(_ model: inout TutorModel, _ keys: InputKey...) {
        for key in keys { TutorUpdate.update(&model, .key(key)) }
    }

    func screen(_ model: TutorModel) -> String { TutorView.view(model).lines.joined(separator: "\n") }

    /// The OR loss after `epochs` epochs at learning rate `lr`, by an independent loop over the same
    /// maths (seed 42's W, b; per-sample updates; σ as 1/(1 + e^−z)).
    func orLoss(lr: Double, epoch: Int) -> Double {
        var w = (-1.1118801180469204, 0.31890218468938336), b = 0.2790412922001377
        let samples: [(Double, Double, Double)] = [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 1)]
        var loss = 0.0
        for _ in 0...epoch {
            loss = 0
            for (x0, x1, y) in samples {
                let z = w.0 * x0 + w.1 * x1 + b
                let yHat = 1 / (1 + exp(-z))
                loss += (y - yHat) * (y - yHat)
                let delta = -2 * (y - yHat) * yHat * (1 - yHat)
                w = (w.0 - lr * delta * x0, w.1 - lr * delta * x1)
                b -= lr * delta
            }
        }
        return loss
    }

    func testTryOpensAChooserAndRunsTheVariantBesideTheLesson() throws {
        var m = try model()
        press(&m, .character("t"))
        XCTAssertNil(m.chooser, "the introduction offers no experiment")
        XCTAssertEqual(m.notice, "this stop has no experiment to try")
        press(&m, .character("]"))
        // The stop's footer gives the key.
        XCTAssertTrue(screen(m).contains("t try lr · ] next stop"), screen(m))
        press(&m, .character("t"))
        XCTAssertEqual(m.chooser?.options, ["0.05", "0.5", "5"])
        XCTAssertTrue(screen(m).contains("try: lr"), screen(m))
        XCTAssertTrue(screen(m).contains("0.5  (the lesson's)"), screen(m))
        // A value that is not a learning rate is refused, saying what is accepted; the chooser stays.
        press(&m, .character("-"), .character("1"), .enter)
        XCTAssertNotNil(m.chooser?.problem)
        XCTAssertTrue(screen(m).contains("greater than 0"), screen(m))
        press(&m, .backspace, .backspace, .down, .down, .enter)
        XCTAssertNil(m.chooser)
        XCTAssertEqual(m.experiment, RunningExperiment(key: "lr", value: "5"))
        XCTAssertEqual(m.comparison?.other.setup.learningRate, 5)
        let shown = screen(m)
        XCTAssertTrue(shown.contains("experiment: lr 0.5 (the lesson) vs lr 5"), shown)
        XCTAssertTrue(shown.contains("Stop 1 of 2: After ten epochs"), shown)
        // Both runs at the end of epoch 10, each with its own loss.
        let lesson = NumberFormat.short(orLoss(lr: 0.5, epoch: 10)), variant = NumberFormat.short(orLoss(lr: 5, epoch: 10))
        XCTAssertNotEqual(lesson, variant)
        XCTAssertTrue(shown.contains("now " + lesson), shown)
        XCTAssertTrue(shown.contains("now " + variant), shown)
        // The lesson goes on with both runs: the next stop, both at epoch 20.
        press(&m, .character("]"))
        XCTAssertTrue(screen(m).contains("Stop 2 of 2"), screen(m))
        XCTAssertTrue(screen(m).contains("now " + NumberFormat.short(orLoss(lr: 5, epoch: 20))), screen(m))
        press(&m, .character("x"))
        XCTAssertNil(m.comparison)
        XCTAssertNil(m.experiment)
        XCTAssertFalse(screen(m).contains("experiment:"), screen(m))
    }

    func testEscClosesTheChooserAndTypedValuesRun() throws {
        var m = try model()
        press(&m, .character("]"), .character("t"), .escape)
        XCTAssertNil(m.chooser)
        XCTAssertNil(m.comparison)
        // Any valid value may be typed, not only the lesson's.
        press(&m, .character("t"), .character("2"), .enter)
        XCTAssertEqual(m.comparison?.other.setup.learningRate, 2)
        XCTAssertEqual(m.comparison?.labels, ["lr 0.5 (the lesson)", "lr 2"])
    }

    func testNamedSettingsOfferEveryValue() {
        let activation = LessonExperiment(key: "activation", values: [], line: 1)
        XCTAssertEqual(ExperimentFlow.options(for: activation, setup: TrainingSetup()), Activation.allCases.map(\.rawValue))
        XCTAssertEqual(ExperimentFlow.current("batch", in: TrainingSetup(batch: .of(4))), "4")
        XCTAssertEqual(ExperimentFlow.current("hidden", in: TrainingSetup(architecture: Architecture(hidden: [4, 4]))), "4,4")
    }
}
