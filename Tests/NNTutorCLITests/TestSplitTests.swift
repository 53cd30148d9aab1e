import Foundation
import XCTest

/// `--data` with `--test-percent`: the split and the four epoch records, on six samples, against
/// the same sums worked out here step by step.
final class TestSplitTests: XCTestCase {
    /// Six samples as a spreadsheet might save them: a byte order mark, CRLF line ends, the
    /// columns in another order, a quoted field, no final newline.
    static let csv = "\u{FEFF}y,x1,x2\r\n1,0.5,1\r\n0,-1,0.25\r\n1,2,-1\r\n0,0,0\r\n\"1\",1,1\r\n0,-0.5,-2"
    static let samples: [(x: (Double, Double), y: Double)] = [
        ((0.5, 1), 1), ((-1, 0.25), 0), ((2, -1), 1), ((0, 0), 0), ((1, 1), 1), ((-0.5, -2), 0),
    ]

    /// The six samples written to a temporary file; returns its path.
    func sixSampleFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nn-six-\(UUID().uuidString).csv").path
        try Self.csv.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testHalfHeldOutAndTheEpochRecords() throws {
        let path = try sixSampleFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try BinaryRunner.shell("\"$NN\" --data '\(path)' --test-percent 50 --epochs 1 --init 0,0,0 --lr 1 --plain --format jsonl")
        XCTAssertEqual(result.status, 0, result.stderr)
        let records = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }.filter { $0["phase"] as? String != "setup" }

        // 6·50 // 100 = 3 held out: the last three. Only samples 0, 1, 2 are stepped through.
        let sampled = Set(records.compactMap { $0["sample"] as? Int })
        XCTAssertEqual(sampled, [0, 1, 2])

        // By hand: W = (0, 0), b = 0, η = 1, squared error, one update per sample.
        // Sample 0: ŷ = σ(0) = 0.5, δ = −2(1 − 0.5)·0.5·0.5 = −0.25, so W = (0.125, 0.25), b = 0.25.
        var w = (0.0, 0.0), b = 0.0
        func yHat(_ x: (Double, Double)) -> Double { 1 / (1 + exp(-(w.0 * x.0 + w.1 * x.1 + b))) }
        var epochLoss = 0.0
        for (x, y) in Self.samples.prefix(3) {
            let p = yHat(x)
            epochLoss += (y - p) * (y - p)
            let delta = -2 * (y - p) * p * (1 - p)
            w = (w.0 - delta * x.0, w.1 - delta * x.1)
            b -= delta
            if epochLoss == 0.25 { XCTAssertEqual(w.0, 0.125); XCTAssertEqual(w.1, 0.25); XCTAssertEqual(b, 0.25) }
        }
        // With the epoch's final parameters: mean losses and fractions right (ŷ ≥ 0.5 means 1).
        func mean(_ part: ArraySlice<(x: (Double, Double), y: Double)>) -> (loss: Double, right: Double) {
            var loss = 0.0, right = 0.0
            for (x, y) in part {
                let p = yHat(x)
                loss += (y - p) * (y - p)
                if (p >= 0.5 ? 1.0 : 0.0) == y { right += 1 }
            }
            return (loss / Double(part.count), right / Double(part.count))
        }
        let train = mean(Self.samples.prefix(3)), test = mean(Self.samples.suffix(3))

        let epoch = Dictionary(uniqueKeysWithValues: records.filter { $0["phase"] as? String == "epoch" }.compactMap { record in
            (record["name"] as? String).map { ($0, record["value"] as? Double ?? .nan) }
        })
        XCTAssertEqual(Array(records.filter { $0["phase"] as? String == "epoch" }.compactMap { $0["name"] as? String }),
                       ["loss", "train_loss", "test_loss", "train_accuracy", "test_accuracy"])
        XCTAssertEqual(epoch["loss"] ?? .nan, epochLoss, accuracy: 1e-15)
        XCTAssertEqual(epoch["train_loss"] ?? .nan, train.loss, accuracy: 1e-15)
        XCTAssertEqual(epoch["test_loss"] ?? .nan, test.loss, accuracy: 1e-15)
        XCTAssertEqual(epoch["train_accuracy"], train.right)
        XCTAssertEqual(epoch["test_accuracy"], test.right)
        // The held-out half is not all right: the records say something the training loss cannot.
        XCTAssertEqual(train.right, 1)
        XCTAssertEqual(test.right, 2.0 / 3.0)
    }

    func testNoSplitKeepsTheTraceAsItWas() throws {
        let path = try sixSampleFile()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try BinaryRunner.shell("\"$NN\" --data '\(path)' --epochs 1 --plain --format jsonl")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stdout.contains("test_loss"))
        XCTAssertTrue(result.stdout.contains("\"sample\": 5"), "all six trained")
    }
}
