import XCTest
@testable import NNCore
import NNTestSupport

/// A recorder with a memory bound drops old blocks and replays them from checkpoints; what it
/// gives back must be exactly what an unbounded log received.
final class BoundedRecorderTests: XCTestCase {
    func testEveryEventComesBackExactlyAfterEviction() {
        for setup in [TrainingSetup(data: .builtin(.or), epochs: 40, checkGradients: true),
                      TrainingSetup(data: .builtin(.xor), epochs: 25, architecture: Architecture(hidden: [3])),
                      TrainingSetup(data: .builtin(.xor), epochs: 25, architecture: Architecture(hidden: [2, 2]), batch: .of(3)),
                      TrainingSetup(data: .builtin(.notebook), epochs: 90)] {
            // Blocks of 7 steps, 2 in memory: epochs and batches straddle blocks, and most blocks are dropped.
            let bus = TraceBus()
            let trainer = Trainer(setup: setup, bus: bus)
            let recorder = TraceRecorder(bound: .replaying(trainer, stepsPerBlock: 7, residentBlocks: 2))
            let log = TraceLog()
            let full = TraceRecorder()
            bus.attach(recorder)
            bus.attach(log)
            bus.attach(full)
            trainer.run()
            XCTAssertEqual(recorder.count, log.events.count)
            XCTAssertLessThanOrEqual(recorder.residentBlockCount, 2)
            // Walk backwards (the worst order for an LRU) and compare every event.
            for i in stride(from: log.events.count - 1, through: 0, by: -1) {
                XCTAssertEqual(recorder.event(at: i), log.events[i], "event \(i) of \(setup.data.name)")
            }
            XCTAssertLessThanOrEqual(recorder.residentBlockCount, 2)
            // Snapshots agree with an unbounded recorder's.
            for i in stride(from: 0, to: log.events.count, by: 13) {
                XCTAssertEqual(recorder.snapshot(at: i), full.snapshot(at: i), "snapshot \(i)")
            }
            XCTAssertEqual(recorder.firstEvent(ofEpoch: 3), full.firstEvent(ofEpoch: 3))
        }
    }

    func testCheckpointsRestoreTheSameSteps() {
        for batch in [BatchSize.one, .of(3)] {
            let setup = TrainingSetup(data: .builtin(.and), epochs: 10, architecture: Architecture(hidden: [2]), batch: batch)
            let a = Trainer(setup: setup, bus: TraceBus())
            a.checkpointInterval = 5
            a.run()
            let b = Trainer(setup: setup, bus: TraceBus())
            b.restore(a.checkpoints[20]!)
            b.run()
            XCTAssertEqual(a.network, b.network)
        }
    }

    func testTheBudgetScalesTheBlockToTheRow() {
        let small = Trainer(setup: TrainingSetup(), bus: TraceBus())
        let big = Trainer(setup: TrainingSetup(architecture: Architecture(hidden: [16, 16])), bus: TraceBus())
        let a = TraceRecorder.MemoryBound.replaying(small), b = TraceRecorder.MemoryBound.replaying(big)
        XCTAssertEqual(a.stepsPerBlock, 2048)
        XCTAssertLessThan(b.stepsPerBlock, 256)
        // Resident rows stay within the budget whatever the network.
        for (trainer, bound) in [(small, a), (big, b)] {
            XCTAssertLessThanOrEqual(bound.stepsPerBlock * bound.residentBlocks * 8 * trainer.schema.rowWidth, 40 << 20)
        }
    }
}
