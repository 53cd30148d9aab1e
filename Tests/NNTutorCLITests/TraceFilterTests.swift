import Foundation
import XCTest

/// `--names`, `--from-epoch` and `--to-epoch` in JSONL, CSV and text, with the expected numbers
/// worked out by `NeuronByHand`.
final class TraceFilterTests: XCTestCase {
    func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    func testJSONLKeepsTheNamedRecordsOfTheChosenEpochs() throws {
        let result = try BinaryRunner.shell("\"$NN\" --format jsonl --dataset notebook --epochs 5 --names dL_db,W --from-epoch 1 --to-epoch 2")
        XCTAssertEqual(result.status, 0, result.stderr)
        let out = lines(result.stdout)
        XCTAssertTrue(out[0].hasPrefix(#"{"phase": "setup", "#))
        XCTAssertTrue(out[0].hasSuffix(#""names": ["W", "dL_db"], "from_epoch": 1, "to_epoch": 2}"#), out[0])
        // W forward (in force), dL_db, W update (new): one sample an epoch.
        let steps = NeuronByHand.run(NeuronByHand.notebook, epochs: 3)
        var expected: [String] = []
        for s in steps where s.epoch >= 1 {
            let head = #"{"step": \#(s.step), "epoch": \#(s.epoch), "sample": 0, "phase": "#
            expected.append(head + #""forward", "name": "W", "value": [\#(s.theta[0]), \#(s.theta[1])]}"#)
            expected.append(head + #""backward", "name": "dL_db", "value": \#(s.gradient[2])}"#)
            expected.append(head + #""update", "name": "W", "value": [\#(s.updated[0]), \#(s.updated[1])]}"#)
        }
        XCTAssertEqual(Array(out.dropFirst()), expected)
    }

    func testCSVKeepsTheNamedColumnsOfTheChosenEpochs() throws {
        let result = try BinaryRunner.shell("\"$NN\" --format csv --dataset or --epochs 5 --names loss --from-epoch 1 --to-epoch 1")
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = lines(result.stdout).filter { !$0.hasPrefix("#") }
        // "loss" is the forward loss and the epoch's sum (epoch_loss), filled on the epoch's last row only.
        let steps = NeuronByHand.run(NeuronByHand.or, epochs: 2).filter { $0.epoch == 1 }
        XCTAssertEqual(rows, ["step,epoch,sample,batch_end,epoch_end,loss,epoch_loss"]
            + steps.map { "\($0.step),1,\($0.sample),1,\($0.sample == 3 ? 1 : 0),\($0.loss),\($0.epochLoss.map(\.description) ?? "")" })
    }

    func testTextPrintsTheLinesOfTheNamesInTheChosenEpochs() throws {
        let result = try BinaryRunner.shell("\"$NN\" --plain --dataset notebook --epochs 5 --names b --from-epoch 1 --to-epoch 2")
        XCTAssertEqual(result.status, 0, result.stderr)
        let steps = NeuronByHand.run(NeuronByHand.notebook, epochs: 3)
        let F = NeuronByHand.four
        var expected = ["printing epochs 1 to 2 in full (--from-epoch, --to-epoch; training stops after epoch 2)", ""]
        for s in steps.dropFirst() {
            expected += [
                "Epoch \(s.epoch)",
                "  step \(s.step) · epoch \(s.epoch) · sample 0",
                // The givens show b; the update computes it.
                "    x = (0, 1), y = 1, W = (\(F(s.theta[0])), \(F(s.theta[1]))), b = \(F(s.theta[2]))",
                "    update    b ← b − η·∂L/∂b = \(F(s.theta[2])) − 0.5·(\(F(s.gradient[2]))) = \(F(s.updated[2]))",
                "",
            ]
        }
        let out = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try XCTUnwrap(out.firstIndex(of: expected[0]))
        let end = try XCTUnwrap(out.firstIndex { $0.hasPrefix("Summary ") })
        XCTAssertEqual(Array(out[start..<end]), expected)
        XCTAssertEqual(out[end], "Summary of the run up to epoch 2 (3 of its 5 epochs trained)", "training stopped after epoch 2")
    }

    func testTextStopsTrainingAfterTheLastEpochPrinted() throws {
        let start = Date()
        let result = try BinaryRunner.shell("\"$NN\" --plain --epochs 1000000000 --to-epoch 1", timeout: 30)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "a billion epochs are not trained")
        let out = lines(result.stdout)
        XCTAssertTrue(out.contains("printing epochs 0 to 1 in full (--from-epoch, --to-epoch; training stops after epoch 1)"), result.stdout)
        XCTAssertEqual(out.filter { $0.hasPrefix("Epoch ") }, ["Epoch 0", "Epoch 1"])
        let summary = try XCTUnwrap(out.firstIndex { $0.hasPrefix("Summary ") }, result.stdout)
        XCTAssertEqual(out[summary], "Summary of the run up to epoch 1 (2 of its 1000000000 epochs trained)")
        // The summary's weights are those after epoch 1: OR, 2 epochs of 4 samples, worked out by hand.
        let last = try XCTUnwrap(NeuronByHand.run(NeuronByHand.or, epochs: 2).last)
        let F = NeuronByHand.four
        XCTAssertTrue(out.contains("  final W = (\(F(last.updated[0])), \(F(last.updated[1]))), b = \(F(last.updated[2])); the boundary is the line W·x + b = 0"), result.stdout)

        // Two runs side by side stop there too.
        let compared = try BinaryRunner.shell("\"$NN\" --plain --compare lr=0.5,lr=0.1 --epochs 1000000000 --to-epoch 0", timeout: 30)
        XCTAssertEqual(compared.status, 0, compared.stderr)
        let heading = "Summary: loss per epoch, up to epoch 0"
        XCTAssertTrue(compared.stdout.contains(heading + String(repeating: " ", count: 58 - heading.count) + " │ " + heading), compared.stdout)

        // A gradient gate must see the whole run: then every epoch is trained, as in JSONL and CSV.
        let gated = try BinaryRunner.shell("\"$NN\" --plain --epochs 5 --to-epoch 1 --check-gradients --max-rel-error 1")
        XCTAssertEqual(gated.status, 0, gated.stderr)
        XCTAssertTrue(lines(gated.stdout).contains("Summary after 5 epochs"), gated.stdout)
    }

    func testEveryCountsFromTheFirstEpochOfTheRange() throws {
        let result = try BinaryRunner.shell("\"$NN\" --plain --dataset notebook --epochs 20 --from-epoch 2 --to-epoch 9 --every 3")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(lines(result.stdout).filter { $0.hasPrefix("Epoch ") }, ["Epoch 2", "Epoch 5", "Epoch 8", "Epoch 9"])
    }

    func testAShortRangeOfAHugeRunEndsAtOnce() throws {
        let start = Date()
        let result = try BinaryRunner.shell("\"$NN\" --format jsonl --epochs 1000000000 --to-epoch 1 | wc -l", timeout: 30)
        XCTAssertEqual(result.status, 0, result.stderr)
        // The setup record, then 2 epochs of 4 samples × 14 records and an epoch record each.
        XCTAssertEqual(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "\(1 + 2 * (4 * 14 + 1))")
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }

    func testBadFiltersAreUsageErrorsNamingWhatIsAccepted() throws {
        let names = "x, y, W, b, z, y_hat, loss, dL_dyhat, dyhat_dz, dz_dW, dL_dW, dL_db"
        for (flags, message) in [
            ("--names W,foo", "unknown --names 'foo'; this setup's trace names are \(names)"),
            ("--names W,", "--names has an empty name in 'W,'; this setup's trace names are \(names)"),
            ("--check-gradients --names dL_dW_numeric,W1", "unknown --names 'W1'; this setup's trace names are \(names), dL_dW_numeric, dL_dW_rel_error, dL_db_numeric, dL_db_rel_error"),
            ("--epochs 3 --from-epoch 3", "--from-epoch 3 is past the last epoch: --epochs 3 trains epochs 0 to 2"),
            ("--epochs 3 --to-epoch 7", "--to-epoch 7 is past the last epoch: --epochs 3 trains epochs 0 to 2"),
            ("--epochs 3 --from-epoch 2 --to-epoch 1", "--from-epoch 2 is after --to-epoch 1"),
            ("--epochs 0 --to-epoch 0", "--from-epoch and --to-epoch choose epochs to print, and --epochs 0 trains none"),
            ("--from-epoch -1", "--from-epoch must be a whole number of an epoch, 0 or more; got '-1'"),
            ("--to-epoch 1.5", "--to-epoch must be a whole number of an epoch, 0 or more; got '1.5'"),
        ] {
            for format in ["text", "jsonl", "csv"] {
                let result = try BinaryRunner.shell("\"$NN\" --format \(format) \(flags)")
                XCTAssertEqual(result.status, 64, flags)
                XCTAssertEqual(result.stdout, "", flags)
                XCTAssertEqual(result.stderr, "nn-tutor: \(message) (see 'nn-tutor --help')\n", flags)
            }
        }
        // A layered network's names come from its own schema.
        let hidden = try BinaryRunner.shell("\"$NN\" --format jsonl --hidden 2 --names W")
        XCTAssertEqual(hidden.status, 64)
        XCTAssertEqual(hidden.stderr, "nn-tutor: unknown --names 'W'; this setup's trace names are x, y, W1, b1, W2, b2, z1, a1, z2, y_hat, loss, dL_dyhat, dadz2, delta2, dL_dW2, dL_db2, dL_da1, dadz1, delta1, dL_dW1, dL_db1 (see 'nn-tutor --help')\n")
    }
}
