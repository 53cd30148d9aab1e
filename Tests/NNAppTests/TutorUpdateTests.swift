import XCTest
import NNCore
import NNRender
@testable import NNApp

final class TutorUpdateTests: XCTestCase {
    func model(_ setup: TrainingSetup = TrainingSetup(data: .builtin(.or), epochs: 10), width: Int = 100, height: Int = 30) -> TutorModel {
        TutorModel(session: TraceSession(setup: setup), width: width, height: height, ascii: false, color: false)
    }

    func press(_ model: inout TutorModel, _ keys: InputKey...) {
        for key in keys { TutorUpdate.update(&model, .key(key)) }
    }

    func testSteppingWalksTheEventsInOrder() {
        var m = model()
        XCTAssertEqual(m.snapshot?.event.name, "x")
        press(&m, .character(" "), .right, .character("l"))
        XCTAssertEqual(m.cursor, 3)
        XCTAssertEqual(m.snapshot?.event.name, "b")  // x, y, W, b
        press(&m, .left, .character("h"))
        XCTAssertEqual(m.cursor, 1)
        XCTAssertEqual(m.snapshot?.event.name, "y")
        press(&m, .left, .left)
        XCTAssertEqual(m.cursor, 0)
        XCTAssertNotNil(m.notice, "stepping before the start says so")
    }

    func testTimeTravelShowsExactlyWhatWasShown() {
        var m = model()
        press(&m, .right, .right, .right)
        let before = TutorView.view(m)
        press(&m, .right, .left)
        XCTAssertEqual(TutorView.view(m), before)
        // Far ahead and back again: the history does not change under the cursor.
        press(&m, .character("G"))
        for _ in 0..<(m.cursor - 3) { press(&m, .left) }
        XCTAssertEqual(TutorView.view(m), before)
    }

    func testSampleAndEpochJumps() throws {
        var m = model()
        // 14 events per sample step without gradient checks; the epoch record closes sample 3.
        press(&m, .character("n"))
        XCTAssertEqual(m.cursor, 14)
        XCTAssertEqual(m.snapshot?.event.sample, 1)
        press(&m, .character("N"))
        XCTAssertEqual(m.cursor, 0)
        press(&m, .character("e"))
        XCTAssertEqual(m.cursor, 4 * 14 + 1)
        XCTAssertEqual(m.snapshot?.event.epoch, 1)
        press(&m, .character("e"), .character("E"))
        XCTAssertEqual(m.snapshot?.event.epoch, 1)
        press(&m, .character("g"))
        XCTAssertEqual(m.cursor, 0)
        press(&m, .character("G"))
        // 10 epochs × (4 × 14 + 1) events.
        XCTAssertEqual(m.cursor, 10 * 57 - 1)
        XCTAssertEqual(m.snapshot?.event.phase, .epoch)
        press(&m, .right)
        XCTAssertEqual(m.cursor, 10 * 57 - 1)
        XCTAssertNotNil(m.notice)
    }

    func testColonJumpsToAnEpoch() {
        var m = model()
        press(&m, .character(":"), .character("7"), .enter)
        XCTAssertEqual(m.snapshot?.event.epoch, 7)
        XCTAssertEqual(m.snapshot?.event.sample, 0)
        XCTAssertEqual(m.snapshot?.event.name, "x")
        press(&m, .character(":"), .character("9"), .character("9"), .enter)
        XCTAssertEqual(m.snapshot?.event.epoch, 7, "epoch 99 does not exist in a 10-epoch run")
        XCTAssertNotNil(m.notice)
        press(&m, .character(":"), .character("x"))
        XCTAssertNotNil(m.jumpInput, "a non-digit does not end the prompt")
        press(&m, .escape)
        XCTAssertNil(m.jumpInput)
    }

    func testTrainingContinuesOnDemand() {
        var m = model(TrainingSetup(data: .builtin(.or), epochs: 1000))
        XCTAssertEqual(m.session.recorder.stepCount, 1, "only the first step is trained up front")
        press(&m, .character(":"), .character("5"), .character("0"), .character("0"), .enter)
        XCTAssertEqual(m.snapshot?.event.epoch, 500)
        XCTAssertEqual(m.session.recorder.stepCount, 2001)
    }

    func testAutoplayAdvancesWithTimeAndSpeed() {
        var m = model()
        press(&m, .character("r"))
        XCTAssertTrue(m.autoplay)
        let speed = Autoplay.speeds[m.speedIndex]
        TutorUpdate.update(&m, .tick(milliseconds: 1000))
        XCTAssertEqual(m.cursor, Int(speed))
        press(&m, .character("+"))
        XCTAssertGreaterThan(Autoplay.speeds[m.speedIndex], speed)
        press(&m, .character("-"), .character("-"))
        XCTAssertLessThan(Autoplay.speeds[m.speedIndex], speed)
        press(&m, .character("r"))
        let stopped = m.cursor
        TutorUpdate.update(&m, .tick(milliseconds: 1000))
        XCTAssertEqual(m.cursor, stopped)
    }

    func testAutoplayStopsAtTheEnd() {
        var m = model(TrainingSetup(data: .builtin(.or), epochs: 1))
        press(&m, .character("r"))
        for _ in 0..<100 { TutorUpdate.update(&m, .tick(milliseconds: 1000)) }
        XCTAssertFalse(m.autoplay)
        XCTAssertEqual(m.cursor, 4 * 14)
    }

    func testHelpQuitAndResize() {
        var m = model()
        press(&m, .character("?"))
        XCTAssertTrue(m.showHelp)
        press(&m, .right)
        XCTAssertFalse(m.showHelp)
        XCTAssertEqual(m.cursor, 0, "the key that closes help does nothing else")
        TutorUpdate.update(&m, .resize(width: 60, height: 18))
        XCTAssertEqual(TutorView.view(m).width, 60)
        XCTAssertTrue(TutorView.view(m).lines.joined().contains("enlarge the terminal to at least 80×24"))
        TutorUpdate.update(&m, .resize(width: 80, height: 24))
        XCTAssertFalse(TutorView.view(m).lines.joined().contains("enlarge"))
        press(&m, .character("q"))
        XCTAssertTrue(m.shouldQuit)
    }

    func testAZeroEpochRunStillDraws() {
        var m = model(TrainingSetup(data: .builtin(.or), epochs: 0))
        XCTAssertNil(m.snapshot)
        press(&m, .right, .character("G"), .character("n"), .character("e"), .character("E"), .character("N"))
        XCTAssertEqual(TutorView.view(m).height, 30)
    }
}
