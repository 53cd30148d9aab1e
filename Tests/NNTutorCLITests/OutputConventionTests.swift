import Foundation
import XCTest

/// Plain output's conventions: ASCII where the locale cannot show UTF-8, compare's width from
/// COLUMNS, η in the README's number format, and flags that do nothing saying so.
final class OutputConventionTests: XCTestCase {
    func nonASCII(_ text: String) -> [Unicode.Scalar] { text.unicodeScalars.filter { !$0.isASCII } }

    func testANonUTF8LocaleOrASCIIMakesEveryPlainTextASCII() throws {
        for command in ["--plain --epochs 2", "--plain --hidden 2 --epochs 3 --lr 1e6", "--plain --compare lr=0.5,mode=notebook --epochs 2",
                        "lessons", "--plain --lesson 3"] {
            let utf8 = try BinaryRunner.shell("\"$NN\" \(command)")
            XCTAssertFalse(nonASCII(utf8.stdout).isEmpty, "\(command) uses Unicode in a UTF-8 locale")
            for prefix in ["LC_ALL=C", "LC_ALL= LANG=C", "LC_ALL=POSIX", ""] {
                let flag = prefix.isEmpty ? " --ascii" : ""
                let result = try BinaryRunner.shell("\(prefix) \"$NN\" \(command)\(flag)")
                XCTAssertEqual(result.status, 0, "\(prefix) \(command): \(result.stderr)")
                XCTAssertEqual(nonASCII(result.stdout), [], "\(prefix) \(command)\(flag)")
            }
        }
        // The same words, transliterated: σ and ŷ become sigma and y_hat.
        let ascii = try BinaryRunner.shell("LC_ALL=C \"$NN\" --plain --dataset notebook --epochs 1")
        XCTAssertTrue(ascii.stdout.contains("y_hat = sigma(z) = sigma(0.5979) = 0.6452"), ascii.stdout)
    }

    /// The lines of a plain compare, and the column of its separator in each.
    func compareLines(_ environment: String) throws -> [String] {
        let result = try BinaryRunner.shell("\(environment) \"$NN\" --plain --compare lr=0.5,lr=0.001 --dataset or --epochs 3")
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout.split(separator: "\n").map(String.init)
    }

    func testPlainCompareFollowsCOLUMNS() throws {
        // Two columns of (COLUMNS − 3) / 2 characters and " │ " between them; 58 each without COLUMNS.
        for (environment, width) in [("COLUMNS=80", 38), ("COLUMNS=100", 48), ("COLUMNS=200", 98), ("env -u COLUMNS", 58), ("COLUMNS=40", 30), ("COLUMNS=junk", 58)] {
            let lines = try compareLines(environment)
            XCTAssertGreaterThan(lines.count, 40)
            for line in lines {
                let characters = Array(line)
                XCTAssertLessThanOrEqual(characters.count, 2 * width + 3, "\(environment): \(line)")
                XCTAssertEqual(String(characters[width..<min(characters.count, width + 2)]), " │", "\(environment): \(line)")
            }
        }
    }

    func testTheLearningRateIsWrittenInTheREADMEsFormatEverywhere() throws {
        let text = try BinaryRunner.shell("\"$NN\" --plain --dataset or --lr 1e6 --epochs 20")
        XCTAssertTrue(text.stdout.contains("setup: dataset or, mode corrected, η = 1e+06, 20 epochs, seed 42\n"), text.stdout)
        XCTAssertTrue(text.stdout.contains("Try a smaller --lr (it is 1e+06)."), text.stdout)
        XCTAssertFalse(text.stdout.contains("1000000"), text.stdout)
        let compare = try BinaryRunner.shell("\"$NN\" --plain --dataset or --epochs 2 --compare lr=1e6,lr=2.5e7")
        XCTAssertTrue(compare.stdout.contains("η = 1e+06") && compare.stdout.contains("η = 2.5e+07"), compare.stdout)
        XCTAssertFalse(compare.stdout.contains("1000000") || compare.stdout.contains("25000000"), compare.stdout)
    }

    func testFlagsThatDoNothingSaySoAndTheRunGoesOn() throws {
        for format in ["jsonl", "csv"] {
            let quiet = try BinaryRunner.shell("\"$NN\" --format \(format) --epochs 2")
            let result = try BinaryRunner.shell("\"$NN\" --format \(format) --epochs 2 --every 5")
            XCTAssertEqual(result.status, 0)
            XCTAssertEqual(result.stdout, quiet.stdout)
            XCTAssertEqual(result.stderr, "nn-tutor: --every 5 has no effect with --format \(format), which writes every epoch: --every chooses the epochs the text trace prints in full (--from-epoch and --to-epoch choose a range)\n")
        }
        // A lesson's handout prints the epochs of its stops: the trace's filters do nothing there.
        let handout = try BinaryRunner.shell("\"$NN\" --plain --lesson 1 --names W --to-epoch 0")
        XCTAssertEqual(handout.status, 0)
        XCTAssertTrue(handout.stdout.hasPrefix("Lesson: "), handout.stdout)
        XCTAssertEqual(handout.stderr, "nn-tutor: --names, --from-epoch and --to-epoch have no effect on a lesson's handout, which prints the epochs of its stops (--format jsonl or csv gives the lesson's trace)\n")
        for (flags, note) in [
            ("--lr 0.1 --compare lr=0.5,lr=0.001", "nn-tutor: --lr 0.1 has no effect: --compare sets lr in both runs\n"),
            ("--bug sign --compare bug=none,bug=deriv-at-yhat", "nn-tutor: --bug sign has no effect: --compare sets bugs in both runs\n"),
            ("--seed 3 --compare seed=1,seed=2", "nn-tutor: --seed 3 has no effect: --compare sets seed in both runs\n"),
            // A flag the compare sets in one run only still sets the other: no note.
            ("--lr 0.1 --compare lr=0.5,mode=notebook", ""),
            ("--compare lr=0.5,lr=0.001", ""),
        ] {
            let result = try BinaryRunner.shell("\"$NN\" --plain --dataset or --epochs 2 \(flags)")
            XCTAssertEqual(result.status, 0, flags)
            XCTAssertEqual(result.stderr, note, flags)
            XCTAssertTrue(result.stdout.hasPrefix("run "), flags)
        }
    }
}
