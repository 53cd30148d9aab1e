import Foundation
import XCTest

/// The built binary, run as a user would: bad flags, pipes, write errors, fallbacks.
final class CommandLineTests: XCTestCase {
    func assertUsageError(_ arguments: String, mentions expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try BinaryRunner.shell("\"$NN\" --plain \(arguments)")
        XCTAssertEqual(result.status, 64, "exit status for \(arguments)", file: file, line: line)
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "one line for \(arguments): \(result.stderr)", file: file, line: line)
        for word in expected {
            XCTAssertTrue(result.stderr.contains(word), "'\(word)' in: \(result.stderr)", file: file, line: line)
        }
        XCTAssertFalse(result.stderr.contains("Fatal error"), file: file, line: line)
    }

    func testBadFlagsGetOneLineAndStatus64() throws {
        try assertUsageError("--dataset nor", mentions: ["--dataset", "nor", "or, and, nand, xor, notebook, moons, circles, blobs, spiral"])
        try assertUsageError("--mode buggy", mentions: ["--mode", "corrected (the right maths) or notebook"])
        try assertUsageError("--lr fast", mentions: ["--lr", "greater than 0"])
        try assertUsageError("--lr 0", mentions: ["--lr", "greater than 0"])
        try assertUsageError("--lr -0.5", mentions: ["--lr", "greater than 0"])
        try assertUsageError("--lr nan", mentions: ["--lr"])
        try assertUsageError("--epochs -1", mentions: ["--epochs", "a whole number from 0"])
        try assertUsageError("--epochs 2.5", mentions: ["--epochs"])
        try assertUsageError("--init 1,2", mentions: ["--init has 2 numbers, and one neuron has 3 parameters: W[0], W[1], b"])
        try assertUsageError("--init a,b,c", mentions: ["--init", "comma list of finite numbers"])
        try assertUsageError("--hidden 4 --init 1,2,3", mentions: ["--init has 3 numbers, and a 2-4-1 network has 17 parameters"])
        try assertUsageError("--hidden 17", mentions: ["--hidden", "1 to 4 hidden layers of 1 to 16 units"])
        try assertUsageError("--activation tanh", mentions: ["--activation", "add --hidden N"])
        try assertUsageError("--hidden 2 --activation swish", mentions: ["--activation", "sigmoid, tanh, relu, leaky-relu, linear"])
        try assertUsageError("--loss mse", mentions: ["--loss", "squared, cross-entropy"])
        try assertUsageError("--loss cross-entropy --mode notebook", mentions: ["squared-error code"])
        try assertUsageError("--loss cross-entropy --bug sign", mentions: ["squared-error code"])
        try assertUsageError("--batch 0", mentions: ["--batch", "full"])
        try assertUsageError("--seed -1", mentions: ["--seed", "0 to 4294967295"])
        try assertUsageError("--seed 4294967296", mentions: ["--seed", "0 to 4294967295"])
        try assertUsageError("--bug typo", mentions: ["--bug", "sign, deriv-at-yhat"])
        try assertUsageError("--format xml", mentions: ["--format"])
        try assertUsageError("--every 0", mentions: ["--every"])
        try assertUsageError("--frobnicate", mentions: ["--frobnicate"])
    }

    func testEdgeValuesThatAreAccepted() throws {
        let seed = try BinaryRunner.shell("\"$NN\" --plain --format jsonl --seed 4294967295 --epochs 1 | head -3")
        XCTAssertEqual(seed.status, 0, seed.stderr)
        let negativeInit = try BinaryRunner.shell("\"$NN\" --plain --format csv --init -0.5,0.25,-1 --epochs 1")
        XCTAssertEqual(negativeInit.status, 0, negativeInit.stderr)
        XCTAssertTrue(negativeInit.stdout.contains(",-0.5,0.25,-1.0,"), negativeInit.stdout)
        let zero = try BinaryRunner.shell("\"$NN\" --plain --epochs 0")
        XCTAssertEqual(zero.status, 0, zero.stderr)
        XCTAssertTrue(zero.stdout.contains("nothing to train"), zero.stdout)
    }

    func testHeadEndsQuietlyAndAtOnce() throws {
        let start = Date()
        let result = try BinaryRunner.shell("\"$NN\" --plain --format jsonl --epochs 100000000 | head -3", timeout: 30)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 3)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        let text = try BinaryRunner.shell("\"$NN\" --plain --epochs 100000000 --every 1 | head -1", timeout: 30)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertEqual(text.stderr, "")
    }

    func testAFullDiskIsOneLineAndStatus1() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { throw XCTSkip("no /dev/full here") }
        let result = try BinaryRunner.shell("\"$NN\" --plain --epochs 50 > /dev/full")
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("No space left on device"), result.stderr)
    }

    func testWithoutATerminalThePlainTraceIsPrintedWithANote() throws {
        let result = try BinaryRunner.shell("\"$NN\" --dataset or --epochs 2 | cat")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("z = W·x + b"), result.stdout)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("not a terminal"), result.stderr)
    }

    func testJSONLParsesWithJqAndPython() throws {
        let command = "\"$NN\" --plain --format jsonl --epochs 20 --check-gradients"
        if (try BinaryRunner.shell("command -v jq")).status == 0 {
            let jq = try BinaryRunner.shell("\(command) | jq -c . > /dev/null && \(command) | jq -s length")
            XCTAssertEqual(jq.status, 0, jq.stderr)
            // One setup record, then 20 epochs × 4 samples × 18 records and 20 epoch records.
            XCTAssertEqual(jq.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "\(1 + 20 * 4 * 18 + 20)")
        }
        if (try BinaryRunner.shell("command -v python3")).status == 0 {
            let py = try BinaryRunner.shell(#"\#(command) --lr 1e308 --init 1e308,-1e308,0 | python3 -c 'import json,sys; n=sum(1 for l in sys.stdin if json.loads(l) is not None); print(n)'"#)
            XCTAssertEqual(py.status, 0, py.stderr)
        }
    }

    func testHelpListsEveryFlagWithDefaults() throws {
        let result = try BinaryRunner.shell("\"$NN\" --help")
        XCTAssertEqual(result.status, 0)
        for flag in ["--dataset", "--lr", "--epochs", "--seed", "--init", "--mode", "--bug", "--check-gradients",
                     "--plain", "--format", "--every", "--ascii", "--no-color", "(default: 0.5)", "(default: 42)"] {
            XCTAssertTrue(result.stdout.contains(flag), "\(flag) in --help")
        }
    }
}
