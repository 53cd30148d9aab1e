import XCTest
@testable import NNCore
import NNTestSupport

/// The schema is the single source of names: a step's records are exactly its entries, for every
/// architecture and option, and the names are those the issue lists.
final class SchemaTests: XCTestCase {
    func testAStepsRecordsAreTheSchemasEntriesForEveryArchitectureAndOption() {
        for hidden in [[], [1], [2], [4, 4], [3, 2, 2], [2, 2, 2, 2]] {
            for loss in Loss.allCases {
                for batch in [BatchSize.one, .of(2), .full] {
                    for check in [false, true] {
                        for test in [0, 50] {
                            let setup = TrainingSetup(data: .builtin(.xor), epochs: 2, architecture: Architecture(hidden: hidden),
                                                      loss: loss, batch: batch, checkGradients: check, testPercent: test)
                            let schema = TraceSchema(setup: setup)
                            let log = TraceLog.run(setup)
                            var index = 0
                            for step in 0..<(2 * (test == 0 ? 4 : 2)) {
                                let names = log.names(step: step)
                                let events = log.events.filter { $0.step == step }
                                let expected = events.map(\.entry.id)
                                XCTAssertEqual(expected.prefix(schema.sampleEntries.count), ArraySlice(schema.sampleEntries))
                                for (event, name) in zip(events, names) {
                                    XCTAssertEqual(name, "\(event.entry.phase.rawValue) \(event.entry.name)")
                                    XCTAssertEqual(event.value.count, event.entry.count, "\(event.entry) shape")
                                }
                                index += events.count
                            }
                            XCTAssertEqual(index, log.events.count)
                        }
                    }
                }
            }
        }
    }

    func testSingleNeuronNamesAreTodays() {
        let schema = TraceSchema(architecture: Architecture())
        XCTAssertEqual(schema.entries.map(\.description), [
            "forward.x", "forward.y", "forward.W", "forward.b", "forward.z", "forward.y_hat", "forward.loss",
            "backward.dL_dyhat", "backward.dyhat_dz", "backward.dz_dW", "backward.dL_dW", "backward.dL_db",
            "update.W", "update.b", "epoch.loss",
        ])
        let crossEntropy = TraceSchema(architecture: Architecture(), loss: .crossEntropy)
        XCTAssertEqual(crossEntropy.entries[schema.sampleEntries].map(\.name)[8...9], ["dyhat_dz", "delta"])
        let batches = TraceSchema(architecture: Architecture(), averagesBatches: true)
        XCTAssertEqual(batches.entries[batches.updateEntries].map(\.name), ["mean_dL_dW", "mean_dL_db", "W", "b"])
    }

    func testLayeredNamesFollowTheIssue() {
        let schema = TraceSchema(architecture: Architecture(hidden: [4, 3]), checkGradients: true, averagesBatches: true, hasTestSet: true)
        XCTAssertEqual(schema.entries.map(\.description), [
            "forward.x", "forward.y", "forward.W1", "forward.b1", "forward.W2", "forward.b2", "forward.W3", "forward.b3",
            "forward.z1", "forward.a1", "forward.z2", "forward.a2", "forward.z3", "forward.y_hat", "forward.loss",
            "backward.dL_dyhat",
            "backward.dadz3", "backward.delta3", "backward.dL_dW3", "backward.dL_db3",
            "backward.dL_da2", "backward.dadz2", "backward.delta2", "backward.dL_dW2", "backward.dL_db2",
            "backward.dL_da1", "backward.dadz1", "backward.delta1", "backward.dL_dW1", "backward.dL_db1",
            "backward.dL_dW1_numeric", "backward.dL_dW1_rel_error", "backward.dL_db1_numeric", "backward.dL_db1_rel_error",
            "backward.dL_dW2_numeric", "backward.dL_dW2_rel_error", "backward.dL_db2_numeric", "backward.dL_db2_rel_error",
            "backward.dL_dW3_numeric", "backward.dL_dW3_rel_error", "backward.dL_db3_numeric", "backward.dL_db3_rel_error",
            "update.mean_dL_dW3", "update.mean_dL_db3", "update.mean_dL_dW2", "update.mean_dL_db2",
            "update.mean_dL_dW1", "update.mean_dL_db1",
            "update.W1", "update.b1", "update.W2", "update.b2", "update.W3", "update.b3",
            "epoch.loss", "epoch.train_loss", "epoch.test_loss", "epoch.train_accuracy", "epoch.test_accuracy",
        ])
        // A hidden layer publishes a matrix and vectors, even of one unit; the output a row and scalars.
        let one = TraceSchema(architecture: Architecture(hidden: [1]))
        XCTAssertEqual(one.entry(.weights, layer: 1)?.shape, .matrix(rows: 1, columns: 2))
        XCTAssertEqual(one.entry(.bias, layer: 1)?.shape, .vector(1))
        XCTAssertEqual(one.entry(.weights, layer: 2)?.shape, .vector(1))
        XCTAssertEqual(one.entry(.bias, layer: 2)?.shape, .scalar)
        XCTAssertEqual(schema.entry(.weights, layer: 2)?.shape, .matrix(rows: 3, columns: 4))
    }

    func testTheSingleNeuronKernelEqualsTheGenericLoopsBitForBit() {
        for setup in [TrainingSetup(data: .builtin(.or), epochs: 30),
                      TrainingSetup(data: .builtin(.xor), epochs: 30, mode: .notebook),
                      TrainingSetup(data: .builtin(.nand), epochs: 30, loss: .crossEntropy),
                      TrainingSetup(data: .builtin(.and), learningRate: 7, epochs: 30, extraBugs: [.derivAtYHat])] {
            func rows(kernel: Bool) -> [[UInt64]] {
                let bus = TraceBus()
                let rows = RowLog()
                bus.attach(rows)
                let trainer = Trainer(setup: setup, bus: bus)
                trainer.useKernel = kernel
                trainer.run()
                return rows.rows
            }
            XCTAssertEqual(rows(kernel: true), rows(kernel: false))
        }
    }
}

/// Every step's published numbers as bit patterns.
final class RowLog: TraceSubscriber {
    var rows: [[UInt64]] = []
    func receive(_ step: TraceStep) {
        let schema = step.schema
        rows.append((0..<step.eventCount).flatMap { k in
            step[schema.entries[schema.entryID(publishedAt: k, step.groups)]].map(\.bitPattern)
        })
    }
}
