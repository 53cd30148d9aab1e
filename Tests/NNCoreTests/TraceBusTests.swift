import XCTest
@testable import NNCore
import NNTestSupport

final class TraceBusTests: XCTestCase {
    func testAttachDetach() {
        let bus = TraceBus()
        XCTAssertFalse(bus.isActive)
        let a = TraceLog(), b = TraceLog()
        let ta = bus.attach(a)
        let tb = bus.attach(b)
        let trainer = Trainer(setup: TrainingSetup(data: .builtin(.or), epochs: 2), bus: bus)
        trainer.runStep()
        bus.detach(ta)
        trainer.runStep()
        XCTAssertEqual(a.events.count, 14)
        XCTAssertEqual(b.events.count, 28)
        bus.detach(tb)
        bus.detach(tb)
        XCTAssertFalse(bus.isActive)
        trainer.runStep()
        XCTAssertEqual(b.events.count, 28)
    }

    func testRecorderGivesBackEveryEventAndSnapshots() throws {
        for setup in [TrainingSetup(data: .builtin(.or), epochs: 3, checkGradients: true),
                      TrainingSetup(data: .builtin(.xor), epochs: 3, architecture: Architecture(hidden: [3, 2]), batch: .of(3), testPercent: 25)] {
            let bus = TraceBus()
            let log = TraceLog(), recorder = TraceRecorder()
            bus.attach(log)
            bus.attach(recorder)
            Trainer(setup: setup, bus: bus).run()
            XCTAssertEqual(recorder.count, log.events.count)
            for (i, event) in log.events.enumerated() {
                XCTAssertEqual(recorder.event(at: i), event, "event \(i)")
            }
            XCTAssertEqual(recorder.epochLosses.count, 3)
            XCTAssertEqual(recorder.firstEvent(ofEpoch: 1), log.events.firstIndex { $0.epoch == 1 })
        }
        let bus = TraceBus()
        let log = TraceLog(), recorder = TraceRecorder()
        bus.attach(log)
        bus.attach(recorder)
        Trainer(setup: TrainingSetup(data: .builtin(.or), epochs: 3), bus: bus).run()
        XCTAssertEqual(recorder.stepCount, 12)
        // Just after step 5's z: its inputs and z are known, ŷ is not, and epoch 0 is closed.
        let zIndex = try XCTUnwrap(log.events.firstIndex { $0.step == 5 && $0.name == "z" })
        let snapshot = recorder.snapshot(at: zIndex)
        XCTAssertEqual(snapshot.event.name, "z")
        XCTAssertNotNil(snapshot.values.scalar(.preActivation, layer: 1))
        XCTAssertNil(snapshot.values.scalar(.output, layer: 1))
        XCTAssertEqual(snapshot.epochLosses.count, 1)
        XCTAssertEqual(snapshot.epochSampleLosses.count, 1)  // step 4's loss; step 5's not yet
        // The network in force is the step's own until its update is out, then the new one.
        let updateIndex = try XCTUnwrap(log.events.firstIndex { $0.step == 5 && $0.phase == .update && $0.name == "W" })
        XCTAssertEqual(Array(recorder.snapshot(at: zIndex).network.weights(1)), log.value(step: 5, .forward, "W"))
        XCTAssertEqual(Array(recorder.snapshot(at: updateIndex).network.weights(1)), log.value(step: 5, .update, "W"))
    }

    func testLossHistoryStaysBoundedAndKeepsExtremes() {
        var history = LossHistory(capacity: 8)
        for i in 0..<1000 { history.append(Double(1000 - i)) }
        XCTAssertEqual(history.first, 1000)
        XCTAssertEqual(history.minimum, 1)
        XCTAssertEqual(history.latest, 1)
        XCTAssertLessThanOrEqual(history.points.count, 9)
        XCTAssertEqual(history.count, 1000)
        // Buckets are means of consecutive epochs: the first bucket of 128 is the mean of 1000…873.
        XCTAssertEqual(history.series.first ?? 0, (1000 + 873) / 2, accuracy: 1e-9)
    }
}
