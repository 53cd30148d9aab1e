import XCTest
@testable import NNCore

/// A recorder with a memory bound drops old blocks and replays them from checkpoints; what it
/// gives back must be exactly what an unbounded log received.
final class BoundedRecorderTests: XCTestCase {
    func makeRun(_ setup: TrainingSetup, stepsPerBlock: Int, resident: Int) -> (Trainer, TraceRecorder, EventLog) {
        let bus = TraceBus()
        let trainer = Trainer(setup: setup, bus: bus)
        let recorder = TraceRecorder(bound: .replaying(trainer, stepsPerBlock: stepsPerBlock, residentBlocks: resident))
        let log = EventLog()
        bus.attach(recorder)
        bus.attach(log)
        return (trainer, recorder, log)
    }

    func testEveryEventComesBackExactlyAfterEviction() {
        for setup in [TrainingSetup(dataset: .or, epochs: 40, checkGradients: true),
                      TrainingSetup(dataset: .xor, epochs: 25, hiddenUnits: 3),
                      TrainingSetup(dataset: .notebook, epochs: 90)] {
            // Blocks of 7 steps, 2 in memory: epochs of 4 samples straddle blocks, and most blocks are dropped.
            let (trainer, recorder, log) = makeRun(setup, stepsPerBlock: 7, resident: 2)
            trainer.run()
            XCTAssertEqual(recorder.count, log.events.count)
            XCTAssertLessThanOrEqual(recorder.residentBlockCount, 2)
            // Walk backwards (the worst order for an LRU) and compare every event.
            for i in stride(from: log.events.count - 1, through: 0, by: -1) {
                XCTAssertEqual(recorder.event(at: i), log.events[i], "event \(i) of \(setup.dataset)")
            }
            XCTAssertLessThanOrEqual(recorder.residentBlockCount, 2)
            // Snapshots agree with an unbounded recorder's.
            let full = TraceRecorder()
            log.events.forEach(full.receive)
            for i in stride(from: 0, to: log.events.count, by: 13) {
                XCTAssertEqual(recorder.snapshot(at: i), full.snapshot(at: i), "snapshot \(i)")
            }
            XCTAssertEqual(recorder.firstEvent(ofEpoch: 3), full.firstEvent(ofEpoch: 3))
        }
    }

    func testCheckpointsRestoreTheSameSteps() {
        let a = Trainer(setup: TrainingSetup(dataset: .and, epochs: 10), bus: TraceBus())
        a.checkpointInterval = 5
        a.run()
        let b = Trainer(setup: TrainingSetup(dataset: .and, epochs: 10), bus: TraceBus())
        b.restore(a.checkpoints[20]!)
        b.run()
        XCTAssertEqual(a.network, b.network)
    }
}
