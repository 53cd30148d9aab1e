import Foundation
import XCTest
import NNCore
@testable import NNPlain

final class PlainPrinterTests: XCTestCase {
    func jsonl(_ setup: TrainingSetup) -> [String] {
        let sink = OutputSink.memory()
        let bus = TraceBus()
        bus.attach(JSONLPrinter(sink: sink))
        Trainer(setup: setup, bus: bus).run()
        return sink.text.split(separator: "\n").map(String.init)
    }

    func testEveryJSONLLineParsesWithExactlyTheSchemaKeys() throws {
        let lines = jsonl(TrainingSetup(data: .builtin(.or), epochs: 3, checkGradients: true))
        // 4 samples × (14 events + 4 gradient-check events) × 3 epochs + 3 epoch records.
        XCTAssertEqual(lines.count, 4 * 18 * 3 + 3)
        for line in lines {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
            let keys = Set(object.keys)
            if object["phase"] as? String == "epoch" {
                XCTAssertEqual(keys, ["step", "epoch", "phase", "name", "value"], line)
            } else {
                XCTAssertEqual(keys, ["step", "epoch", "sample", "phase", "name", "value"], line)
            }
        }
        // The first record, exactly as the schema writes it.
        XCTAssertEqual(lines[0], #"{"step": 0, "epoch": 0, "sample": 0, "phase": "forward", "name": "x", "value": [0.0, 0.0]}"#)
        XCTAssertEqual(lines[2], #"{"step": 0, "epoch": 0, "sample": 0, "phase": "forward", "name": "W", "value": [-1.1118801180469204, 0.31890218468938336]}"#)
        let epochLine = try XCTUnwrap(lines.first { $0.contains(#""phase": "epoch""#) })
        XCTAssertTrue(epochLine.hasPrefix(#"{"step": 3, "epoch": 0, "phase": "epoch", "name": "loss", "value": "#), epochLine)
    }

    func testJSONLValuesRoundTripExactly() throws {
        let sink = OutputSink.memory()
        let bus = TraceBus()
        let recorder = TraceRecorder()
        bus.attach(JSONLPrinter(sink: sink))
        bus.attach(recorder)
        Trainer(setup: TrainingSetup(data: .builtin(.or), epochs: 2), bus: bus).run()
        let lines = sink.text.split(separator: "\n").map(String.init)
        for (i, line) in lines.enumerated() {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)))
            // Linux Foundation's JSON parser rounds some doubles, so exactness is checked with
            // Swift's correctly rounded Double(String) on the value's text.
            let valueText = try XCTUnwrap(line.components(separatedBy: #""value": "#).last?.dropLast())
            let parsed = valueText.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                .components(separatedBy: ", ").map { Double($0) ?? .nan }
            XCTAssertEqual(parsed.map(\.bitPattern), recorder.event(at: i).value.map(\.bitPattern), String(line))
        }
    }

    func testNonFiniteValuesAreNullNamedBesideTheValue() throws {
        // x = (1, 1) gives z = 1e308 + 1e308 = Infinity, so ŷ = 1, and with y = 0 the update
        // b − 1e308·(…) overflows too; Infinity − Infinity later gives NaN.
        let lines = jsonl(TrainingSetup(data: .builtin(.nand), learningRate: 1e308, epochs: 3,
                                        initialParameters: [1e308, 1e308, 0]))
        let nonFinite = lines.filter { $0.contains("null") }
        XCTAssertFalse(nonFinite.isEmpty)
        for line in lines {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], line)
            XCTAssertFalse(line.contains("inf") || line.contains("nan"), line)
            // "value" holds numbers and nulls only; "nonfinite" appears exactly when a null does,
            // in the same shape, naming each null and null where the number is finite.
            XCTAssertEqual(object["nonfinite"] != nil, line.contains("null"), line)
            guard let kinds = object["nonfinite"] else { continue }
            func flat(_ v: Any) -> [Any] { (v as? [Any]).map { $0.flatMap(flat) } ?? [v] }
            let values = flat(object["value"] as Any), named = flat(kinds)
            XCTAssertEqual(values.count, named.count, line)
            for (value, kind) in zip(values, named) {
                if value is NSNull {
                    XCTAssertTrue(["NaN", "Infinity", "-Infinity"].contains(kind as? String ?? ""), line)
                } else {
                    XCTAssertTrue(kind is NSNull && value is NSNumber, line)
                }
            }
        }
        // The first overflow, by hand: z = 1e308·1 + 1e308·1 + 0 = Infinity at sample 3, x = (1, 1)
        // (NAND's y = 0), so ŷ = σ(∞) = 1/(1 + e^−∞) = 1, exactly: nothing more is infinite in its forward pass.
        XCTAssertEqual(nonFinite.first, #"{"step": 3, "epoch": 0, "sample": 3, "phase": "forward", "name": "z", "value": null, "nonfinite": "Infinity"}"#)
    }

    func testCSVHasAHeaderAndOneConsistentRowPerStep() {
        for check in [false, true] {
            let sink = OutputSink.memory()
            let bus = TraceBus()
            let setup = TrainingSetup(data: .builtin(.or), epochs: 5, checkGradients: check)
            bus.attach(CSVPrinter(sink: sink, schema: TraceSchema(setup: setup)))
            Trainer(setup: setup, bus: bus).run()
            let rows = sink.text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            XCTAssertEqual(rows.count, 1 + 20)
            XCTAssertEqual(Set(rows.map(\.count)).count, 1, "every row has the header's column count")
            XCTAssertEqual(Array(rows[0].prefix(8)), ["step", "epoch", "sample", "batch_end", "epoch_end", "x[0]", "x[1]", "y"])
            // One sample per batch: every row ends a batch; every 4th ends an epoch (flags 1/0).
            XCTAssertEqual(rows.dropFirst().map { String($0[3]) }, Array(repeating: "1", count: 20))
            XCTAssertEqual(rows.dropFirst().map { String($0[4]) }, (0..<20).map { $0 % 4 == 3 ? "1" : "0" })
            XCTAssertTrue(rows[0].contains("W_new[1]") && rows[0].contains("epoch_loss"))
            let lossColumn = rows[0].firstIndex(of: "epoch_loss")!
            // Filled on the last sample of each epoch only.
            XCTAssertEqual(rows.dropFirst().map { !$0[lossColumn].isEmpty }, (0..<20).map { $0 % 4 == 3 })
        }
    }

    func text(_ setup: TrainingSetup, every: Int = 1, ascii: Bool = false) -> String {
        let sink = OutputSink.memory()
        TextReport(trainer: Trainer(setup: setup, bus: TraceBus()), sink: sink, every: every, ascii: ascii).run()
        return sink.text
    }

    func testTextShowsEquationThenNumbersThenResult() {
        let output = text(TrainingSetup(data: .builtin(.notebook), epochs: 1))
        XCTAssertTrue(output.contains("z = W·x + b = (−1.1119)(0) + (0.3189)(1) + 0.2790 = 0.5979"), output)
        // σ(0.5979) = 1/(1 + e^−0.5979) ≈ 0.6452 by hand; then (1 − 0.6452)² ≈ 0.1259.
        XCTAssertTrue(output.contains("ŷ = σ(z) = σ(0.5979) = 0.6452"), output)
        XCTAssertTrue(output.contains("L = (y − ŷ)² = (1 − 0.6452)² = 0.1259"), output)
        XCTAssertTrue(output.contains("∂L/∂ŷ = −2(y − ŷ) = −2(1 − 0.6452) = −0.7096"), output)
        XCTAssertTrue(output.contains("epoch 0 loss"), output)
        XCTAssertTrue(output.contains("Summary after 1 epoch"), output)
    }

    func testNotebookModeMarksTheMistakes() {
        let output = text(TrainingSetup(data: .builtin(.or), epochs: 1, mode: .notebook))
        XCTAssertTrue(output.contains("∂L/∂ŷ = 2(y − ŷ)"), output)
        XCTAssertTrue(output.contains("✗ minus sign dropped; correct: −2(y − ŷ)"), output)
        XCTAssertTrue(output.contains("✗ σ′ taken at ŷ; correct: σ(z)(1 − σ(z))"), output)
    }

    func testEveryPrintsOnlyChosenEpochsAndTheLast() {
        let output = text(TrainingSetup(data: .builtin(.or), epochs: 25), every: 10)
        let epochHeadings = output.split(separator: "\n").filter { $0.hasPrefix("Epoch ") }
        XCTAssertEqual(epochHeadings, ["Epoch 0", "Epoch 10", "Epoch 20", "Epoch 24"])
    }

    func testDivergenceIsSaidNotCrashed() {
        let output = text(TrainingSetup(data: .builtin(.or), learningRate: 1e6, epochs: 20), every: 100)
        XCTAssertTrue(output.contains("The run diverged"), output)
        let converging = text(TrainingSetup(data: .builtin(.or), epochs: 200), every: 100)
        XCTAssertFalse(converging.contains("diverged"))
        XCTAssertTrue(converging.contains("4 of 4 samples classified right"), converging)
    }

    func testASCIITextHasNoUnicode() {
        let output = text(TrainingSetup(data: .builtin(.or), epochs: 2), ascii: true)
        XCTAssertTrue(output.unicodeScalars.allSatisfy(\.isASCII))
        XCTAssertTrue(output.contains("dL/dy_hat = -2(y - y_hat)"), output)
    }
}
