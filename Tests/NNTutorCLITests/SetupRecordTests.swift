import Foundation
import XCTest

/// The setup record through the binary beyond the fixtures: with nothing to train, for generated
/// data and a data file, and in CSV as comment lines; and CSV's flags that tell an empty cell from a NaN.
final class SetupRecordTests: XCTestCase {
    func run(_ command: String) throws -> [String] {
        let result = try BinaryRunner.shell(command)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func testEpochsZeroWritesTheSetupRecordAlone() throws {
        let lines = try run("\"$NN\" --format jsonl --epochs 0")
        XCTAssertEqual(lines.count, 1)
        // numpy's seed-42 draw (README) and the single neuron's names (README, --format jsonl).
        XCTAssertEqual(lines[0], #"{"phase": "setup", "version": "\#(try VersionTests.number())", "dataset": "or", "data_file": null, "samples": null, "noise": null, "data_seed": null, "test_percent": 0, "lr": 0.5, "epochs": 0, "seed": 42, "hidden": [], "architecture": "2-1", "activation": "sigmoid", "loss": "squared", "batch": 1, "init": null, "mode": "corrected", "bugs": [], "check_gradients": false, "parameters": {"W": [-1.1118801180469204, 0.31890218468938336], "b": 0.2790412922001377}, "names": ["x", "y", "W", "b", "z", "y_hat", "loss", "dL_dyhat", "dyhat_dz", "dz_dW", "dL_dW", "dL_db"], "from_epoch": null, "to_epoch": null}"#)
    }

    func testGeneratedDataAndADataFileAreStated() throws {
        let moons = try run("\"$NN\" --format jsonl --dataset moons --samples 30 --noise 0.25 --data-seed 7 --test-percent 20 --batch full --hidden 3 --activation tanh --loss cross-entropy --epochs 0")
        XCTAssertTrue(moons[0].contains(#""dataset": "moons", "data_file": null, "samples": 30, "noise": 0.25, "data_seed": 7, "test_percent": 20, "#), moons[0])
        XCTAssertTrue(moons[0].contains(#""hidden": [3], "architecture": "2-3-1", "activation": "tanh", "loss": "cross-entropy", "batch": "full", "#), moons[0])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nn-setup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("my \"data\".csv").path
        try "x1,x2,y\n0.5,1,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let file = try run("\"$NN\" --format jsonl --data '\(path)' --epochs 0")
        // The path as given, escaped as JSON requires.
        let escaped = path.replacingOccurrences(of: "\"", with: "\\\"")
        XCTAssertTrue(file[0].contains(#""dataset": null, "data_file": "\#(escaped)", "samples": null, "#), file[0])
    }

    func testCSVStatesTheSameMembersAsCommentsBeforeTheHeader() throws {
        let flags = "--dataset xor --hidden 2 --lr 0.25 --bug sign --check-gradients --epochs 2 --names loss,W1 --from-epoch 1"
        let jsonl = try run("\"$NN\" --format jsonl \(flags)")[0]
        let csv = try run("\"$NN\" --format csv \(flags)")
        let comments = csv.prefix { $0.hasPrefix("#") }
        XCTAssertTrue(csv[comments.count].hasPrefix("step,epoch,sample,batch_end,epoch_end,"), "the header follows the comments")
        XCTAssertFalse(csv.dropFirst(comments.count).contains { $0.contains("#") }, "no # after the comments, so comment='#' cuts nothing else")
        // `# key: value`, each value JSON: together they are the JSONL record's members after "phase".
        let members = comments.map { line -> String in
            let text = line.dropFirst(2)
            let colon = text.range(of: ": ")!
            return "\"\(text[..<colon.lowerBound])\": \(text[colon.upperBound...])"
        }
        XCTAssertEqual(#"{"phase": "setup", "# + members.joined(separator: ", ") + "}", jsonl)
        for line in comments {
            let value = line.components(separatedBy: ": ").dropFirst().joined(separator: ": ")
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(value.utf8), options: .fragmentsAllowed), line)
        }
    }

    func testCSVFlagsTellAnEmptyCellFromANaN() throws {
        // Mini-batches of 3 over OR's 4 samples: the batch ends at samples 2 and 3 (the epoch's end),
        // so rows 0 and 1 have no update: their W_new cells are empty, not NaN.
        let batches = try run("\"$NN\" --format csv --dataset or --batch 3 --epochs 1").filter { !$0.hasPrefix("#") }
        /// The named cells of each row after the header.
        func cells(_ rows: [String], _ names: [String]) -> [[String]] {
            let header = rows[0].split(separator: ",").map(String.init)
            return rows.dropFirst().map { row in
                let all = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return names.map { name in header.firstIndex(of: name).map { all[$0] } ?? "(no column \(name))" }
            }
        }
        XCTAssertEqual(cells(batches, ["batch_end", "epoch_end"]), [["0", "0"], ["0", "0"], ["1", "0"], ["1", "1"]])
        XCTAssertEqual(cells(batches, ["W_new[0]"]).map { $0[0].isEmpty }, [true, true, false, false])
        XCTAssertEqual(cells(batches, ["epoch_loss"]).map { $0[0].isEmpty }, [true, true, true, false])
        // A NaN loss: x = (2, 2) and W = (1e308, −1e308) make w₀x₀ = 2e308 = ∞ and w₁x₁ = −∞, so
        // z = ∞ + (−∞) = NaN, and ŷ and L with it. On that row (not the epoch's end) the loss is
        // "nan" and epoch_loss is empty; on the next row, which ends the epoch, the sum is NaN too.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nn-nan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("nan.csv").path
        try "x1,x2,y\n2,2,1\n0,0,0\n".write(toFile: path, atomically: true, encoding: .utf8)
        let nan = try run("\"$NN\" --format csv --data '\(path)' --init 1e308,-1e308,0 --epochs 1").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(cells(nan, ["epoch_end", "z", "loss", "epoch_loss"]), [["0", "nan", "nan", ""], ["1", "nan", "nan", "nan"]])
        // And in JSONL: null, named.
        let jsonl = try run("\"$NN\" --format jsonl --data '\(path)' --init 1e308,-1e308,0 --epochs 1")
        XCTAssertEqual(jsonl[7], #"{"step": 0, "epoch": 0, "sample": 0, "phase": "forward", "name": "loss", "value": null, "nonfinite": "NaN"}"#)
    }
}
