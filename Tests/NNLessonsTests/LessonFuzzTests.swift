import Foundation
import NNCore
import XCTest

@testable import NNLessons

/// A seeded mutation fuzzer over the shipped lessons: byte flips, truncations, duplicated, deleted and
/// swapped lines, huge numbers, NaN and infinities in numeric fields, deep nesting, very long lines,
/// invalid UTF-8 and a 10 MB input. The parser and the checker must never trap, and every rejected input
/// must get at least one `path:line: message` pointing inside the file.
///
/// Run longer with `NN_FUZZ_ITERATIONS=200000 NN_FUZZ_CHECKS=5000 swift test --filter LessonFuzzTests`
/// (and `NN_FUZZ_SEED=…` for another stream).
final class LessonFuzzTests: XCTestCase {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["NN_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x6E6E_7475_746F_72
    static let iterations = ProcessInfo.processInfo.environment["NN_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 20_000
    /// How many mutated inputs go through the checker too (it trains the setup, so it costs more).
    static let checks = ProcessInfo.processInfo.environment["NN_FUZZ_CHECKS"].flatMap { Int($0) } ?? 500

    /// SplitMix64: tiny, seeded, and the same on every platform.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static let hostileNumbers = [
        "1e308", "-1e308", "1e309", "1.7976931348623157e308", "4.9e-324", "1e-400", "nan", "NaN", "-nan", "inf", "-inf",
        "Infinity", "+inf", "0x1p3", "99999999999999999999", "-99999999999999999999", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "4294967295", "4294967296", "-0", "0", "-1", "1e", "1e+", ".", "−",
        "١٢", "1_000", "1,5", "", " ", "0.0000000000000000000000001", String(repeating: "9", count: 400),
    ]
    static let numericKeys = ["lr", "epochs", "seed", "init", "tolerance", "answer", "at", "when"]
    static let awkwardBytes: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x20, 0x23, 0x2C, 0x2D, 0x3A, 0x5B, 0x5D, 0x7B, 0x7D, 0x7C, 0x80, 0xBF, 0xC0, 0xC3, 0xED, 0xF4, 0xF8, 0xFF]
    static let invalidUTF8: [[UInt8]] = [[0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x88], [0x80]]
    static let insertedLines = [
        "---", "##", "## ", "### Question", "### question", "```", "~~~", "{{", "}}", "{{}}", "{{x", "{{forward.W[7]}}",
        "{{update.W[1]}}", "{{epoch.loss}}", "{{$(rm -rf /)}}", "`touch /tmp/nn-fuzz-pwned`", "id:", "id: ../../etc/passwd",
        "at: epoch 0", "at: epoch 0, sample 0, phase epoch, value loss", "when: epoch loss below nan", "when: all samples classified",
        "kind: number", "kind: choice", "options: a | a", "options: |", "answer: {{y_hat}}", "answer: −{{dL_db}}", "tolerance: -1",
        "check_gradients: maybe", "bugs: sign,sign,", "init: 1e308,-1e308,0", "init: nan,inf,-inf", "epochs: 100000", "\u{FEFF}", "\r",
        ":", "::::", "a: b: c", "\u{202E}evil", "\u{0}", "\u{7}\u{1B}[2J",
    ]

    /// One mutation of a lesson's bytes.
    static func mutate(_ input: [UInt8], _ rng: inout Generator, corpus: [[UInt8]]) -> [UInt8] {
        var bytes = input
        func lines() -> [[UInt8]] { bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init) }
        func join(_ l: [[UInt8]]) -> [UInt8] { Array(l.joined(separator: [10])) }
        switch rng.below(14) {
        case 0:  // bit flips
            for _ in 0..<(1 + rng.below(8)) where !bytes.isEmpty {
                bytes[rng.below(bytes.count)] ^= UInt8(1) << UInt8(rng.below(8))
            }
        case 1:  // awkward bytes
            for _ in 0..<(1 + rng.below(4)) where !bytes.isEmpty {
                bytes[rng.below(bytes.count)] = rng.pick(awkwardBytes)
            }
        case 2:  // truncation
            bytes = Array(bytes.prefix(rng.below(bytes.count + 1)))
        case 3:  // duplicated lines
            var l = lines()
            let at = rng.below(l.count)
            let run = l[at..<min(l.count, at + 1 + rng.below(4))]
            l.insert(contentsOf: Array(repeating: Array(run), count: 1 + rng.below(3)).flatMap { $0 }, at: rng.below(l.count + 1))
            bytes = join(l)
        case 4:  // deleted lines
            var l = lines()
            for _ in 0..<(1 + rng.below(5)) where !l.isEmpty { l.remove(at: rng.below(l.count)) }
            bytes = join(l)
        case 5:  // swapped lines
            var l = lines()
            if l.count > 1 { l.swapAt(rng.below(l.count), rng.below(l.count)) }
            bytes = join(l)
        case 6:  // a numeric field's value replaced by a huge, tiny, NaN or infinite number
            var l = lines()
            let candidates = l.indices.filter { i in numericKeys.contains { key in l[i].starts(with: Array((key + ":").utf8)) } }
            if let i = candidates.isEmpty ? nil : rng.pick(candidates), let colon = l[i].firstIndex(of: 58) {
                let value = rng.pick(hostileNumbers)
                let key = Array(l[i][...colon])
                switch String(decoding: key, as: UTF8.self) {
                case "init:": l[i] = key + Array(" \(value),\(rng.pick(hostileNumbers)),\(rng.pick(hostileNumbers))".utf8)
                case "at:": l[i] = key + Array(" epoch \(value), sample \(rng.pick(hostileNumbers)), value z".utf8)
                case "when:": l[i] = key + Array(" epoch loss \(rng.chance(50) ? "below" : "above") \(value)".utf8)
                default: l[i] = key + Array(" \(value)".utf8)
                }
            }
            bytes = join(l)
        case 7:  // any number in the text replaced
            var l = lines()
            let i = rng.below(l.count)
            if let digit = l[i].firstIndex(where: { (48...57).contains($0) }) {
                var end = digit
                while end < l[i].count, (48...57).contains(l[i][end]) || l[i][end] == 46 { end += 1 }
                l[i].replaceSubrange(digit..<end, with: Array(rng.pick(hostileNumbers).utf8))
            }
            bytes = join(l)
        case 8:  // deep nesting: heading levels, fences and braces stacked many deep
            var l = lines()
            let depth = 1 + rng.below(1_000)
            let block: [[UInt8]]
            switch rng.below(4) {
            case 0: block = (1...depth).map { Array((String(repeating: "#", count: $0 % 64 + 1) + " level \($0)").utf8) }
            case 1: block = [Array((String(repeating: "{{", count: depth) + "x" + String(repeating: "}}", count: depth)).utf8)]
            case 2: block = Array(repeating: Array("```".utf8), count: depth % 200 + 1) + [Array("## inside".utf8)]
            default: block = (0..<depth % 300).map { _ in Array("## \nid: s\nat: epoch 0, sample 0, value z\n\n### Question\nkind: sign\n".utf8) }
            }
            l.insert(contentsOf: block, at: rng.below(l.count + 1))
            bytes = join(l)
        case 9:  // a very long line
            var l = lines()
            let unit = rng.pick(["x", "{{", "}}", "##", "é", "\u{1F600}", " ", "-", ":", ","])
            let line = Array(String(repeating: unit, count: 1_000 + rng.below(20_000)).utf8)
            if rng.chance(50), !l.isEmpty { l[rng.below(l.count)] += line } else { l.insert(line, at: rng.below(l.count + 1)) }
            bytes = join(l)
        case 10:  // invalid UTF-8
            bytes.insert(contentsOf: rng.pick(invalidUTF8), at: rng.below(bytes.count + 1))
        case 11:  // a hostile line inserted
            var l = lines()
            l.insert(Array(rng.pick(insertedLines).utf8), at: rng.below(l.count + 1))
            bytes = join(l)
        case 12:  // lines spliced in from another lesson
            let other = rng.pick(corpus).split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
            var l = lines()
            let from = rng.below(other.count)
            l.insert(contentsOf: other[from..<min(other.count, from + 1 + rng.below(12))], at: rng.below(l.count + 1))
            bytes = join(l)
        default:  // CRLF line ends, or none at all
            if rng.chance(50) {
                bytes = Array(lines().joined(separator: [13, 10]))
            } else {
                bytes.removeAll { $0 == 10 && rng.chance(30) }
            }
        }
        return bytes
    }

    /// Lines as an editor counts them: a final newline ends the last line rather than starting another.
    static func lineCount(_ bytes: [UInt8]) -> Int {
        let newlines = bytes.withUnsafeBufferPointer { buffer in
            var n = 0
            for byte in buffer where byte == 10 { n += 1 }
            return n
        }
        return max(1, newlines + (bytes.last == 10 ? 0 : 1))
    }

    /// The promises every diagnostic keeps, whatever the input.
    static func problems(_ diagnostics: [LessonDiagnostic], path: String, lines: Int) -> [String] {
        diagnostics.compactMap { d in
            if d.path != path { return "wrong path: \(d)" }
            if d.line < 1 || d.line > lines { return "line \(d.line) outside 1...\(lines): \(d.message)" }
            if d.message.isEmpty || d.message.contains("\n") { return "message not one line: \(d.description.debugDescription)" }
            let warning = d.isWarning ? "warning: " : ""
            if d.description != "\(path):\(d.line): \(warning)\(d.message)" { return "not path:line: message: \(d.description)" }
            return nil
        }
    }

    /// What one input did, gathered across the worker threads.
    struct Tally {
        var parsed = 0, rejected = 0, checked = 0, checkedClean = 0, trainedSteps = 0, rendered = 0
        var failures: [String] = []

        mutating func add(_ other: Tally) {
            parsed += other.parsed; rejected += other.rejected; checked += other.checked
            checkedClean += other.checkedClean; trainedSteps += other.trainedSteps; rendered += other.rendered
            failures += other.failures
        }
    }

    /// Input `i` of the stream, on its own generator, so any one input can be rebuilt alone.
    static func input(_ i: Int, corpus: [[UInt8]]) -> [UInt8] {
        var rng = Generator(state: seed ^ (UInt64(i) &* 0xD134_2543_DE82_EF95))
        var bytes = rng.pick(corpus)
        for _ in 0..<(1 + rng.below(3)) { bytes = mutate(bytes, &rng, corpus: corpus) }
        return bytes
    }

    /// Parses input `i` (and checks it, when `check`), recording every broken promise.
    static func run(_ i: Int, corpus: [[UInt8]], check: Bool) -> Tally {
        var tally = Tally()
        let bytes = input(i, corpus: corpus)
        let path = "fuzz/\(i).md"
        let lines = lineCount(bytes)
        let (lesson, diagnostics) = LessonParser.parse(data: Data(bytes), path: path)
        if lesson == nil {
            tally.rejected += 1
            if diagnostics.isEmpty { tally.failures.append("input \(i): rejected with no diagnostic") }
        } else {
            tally.parsed += 1
            if !diagnostics.isEmpty { tally.failures.append("input \(i): a lesson and diagnostics both") }
        }
        tally.failures += problems(diagnostics, path: path, lines: lines).map { "input \(i): \($0)" }
        guard check else { return tally }
        tally.checked += 1
        let checks = LessonChecker.check(data: Data(bytes), path: path)
        tally.failures += problems(checks, path: path, lines: lines).map { "input \(i) (checker): \($0)" }
        guard let lesson, checks.isEmpty else { return tally }
        tally.checkedClean += 1
        // A lesson the checker accepts renders at every stop, and its questions take any answer.
        let (recorder, positions, steps) = LessonChecker.run(lesson)
        tally.trainedSteps += steps
        for (stop, position) in zip(lesson.stops, positions) {
            guard let position else {
                tally.failures.append("input \(i): checked clean but stop \(stop.id) is not reached")
                continue
            }
            let snapshot = recorder.snapshot(at: position)
            _ = NarrativeRenderer.render(stop.narrative, snapshot: snapshot)
            if let q = stop.question {
                for typed in ["", "nan", "1e309", "-inf", "+", "up", "0", "{{y}}", String(repeating: "9", count: 500)] {
                    _ = q.check(answer: typed, snapshot: snapshot)
                }
                _ = q.answerText(snapshot: snapshot)
            }
            tally.rendered += 1
        }
        return tally
    }

    /// Collects the workers' tallies.
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var total = Tally()
        func add(_ t: Tally) { lock.lock(); total.add(t); lock.unlock() }
    }

    func testMutatedLessonsNeverCrashAndAlwaysExplainThemselves() throws {
        let corpus = BuiltInCourse.lessons.map { Array($0.text.utf8) }
        XCTAssertGreaterThanOrEqual(corpus.count, 12)
        let iterations = Self.iterations
        let checkEvery = max(1, iterations / max(1, Self.checks))
        let workers = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
        let collector = Collector()
        let start = Date()
        // Inputs are independent, so the stream is split over the cores; a trap anywhere kills the run.
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var tally = Tally()
            for i in stride(from: worker, to: iterations, by: workers) {
                tally.add(Self.run(i, corpus: corpus, check: i % checkEvery == 0 && i / checkEvery < Self.checks))
                if tally.failures.count > 20 { break }
            }
            collector.add(tally)
        }
        let t = collector.total
        let seconds = Date().timeIntervalSince(start)
        print("LessonFuzz: seed \(Self.seed), \(iterations) parses (\(t.parsed) accepted, \(t.rejected) rejected), "
            + "\(t.checked) checker runs (\(t.checkedClean) clean, \(t.trainedSteps) steps trained, \(t.rendered) stops rendered), "
            + "\(workers) threads, " + String(format: "%.1f s", seconds))
        XCTAssertEqual(t.failures.sorted(), [])
        // The mutations must reach both sides, or the fuzzer tests nothing.
        XCTAssertEqual(t.parsed + t.rejected, iterations)
        XCTAssertGreaterThan(t.parsed, iterations / 50)
        XCTAssertGreaterThan(t.rejected, iterations / 2)
        XCTAssertGreaterThan(t.checkedClean, 0)
    }

    func testTenMegabytesIsRefusedAtOnce() throws {
        // A real-looking lesson repeated to 10 MB: refused before parsing, through every entry point.
        let unit = BuiltInCourse.lessons[0].text
        var text = ""
        while text.utf8.count < 10_000_000 { text += unit }
        let start = Date()
        let (lesson, diagnostics) = LessonParser.parse(data: Data(text.utf8), path: "big.md")
        XCTAssertNil(lesson)
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertEqual(diagnostics.first?.line, 1)
        XCTAssertTrue(diagnostics.first?.description.hasPrefix("big.md:1: file is ") == true, "\(diagnostics)")
        XCTAssertEqual(LessonChecker.check(text: text, path: "big.md").map(\.line), [1])
        let file = NSTemporaryDirectory() + "nn-fuzz-big-\(UUID().uuidString).md"
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        XCTAssertEqual(LessonChecker.check(path: file).map(\.description), ["\(file):1: " + LessonParser.tooLarge(text.utf8.count)])
        // A guard against pathological (quadratic) reading, not a speed target: generous for a busy CI machine.
        XCTAssertLessThan(Date().timeIntervalSince(start), 60)
    }

    func testLargestAcceptedSizeParsesInBoundedTime() {
        // Just under the limit, every line valid-looking but wrong: the parser reads it all and caps its diagnostics.
        let path = "edge.md"
        var rng = Generator(state: Self.seed)
        for shape in 0..<4 {
            var text = "---\nid: big\ntitle: Big\n---\n"
            while text.utf8.count < LessonParser.maxBytes - 2_000 {
                switch shape {
                case 0: text += "## S\nid: s\nat: epoch 0, sample 0, value z\n\n{{z}} text\n"
                case 1: text += String(repeating: "#", count: 1 + rng.below(40)) + " deep\n"
                case 2: text += String(repeating: "x", count: 900) + "{{\n"
                default: text += "```\n## not a stop\n"
                }
            }
            let start = Date()
            let bytes = Array(text.utf8)
            let (lesson, diagnostics) = LessonParser.parse(data: Data(bytes), path: path)
            XCTAssertTrue(lesson != nil || !diagnostics.isEmpty)
            XCTAssertLessThanOrEqual(diagnostics.count, LessonParser.maxDiagnostics + 1)
            XCTAssertEqual(Self.problems(diagnostics, path: path, lines: Self.lineCount(bytes)), [])
            XCTAssertLessThan(Date().timeIntervalSince(start), 60, "shape \(shape): pathological parse time")
        }
    }

    func testEmptyAndTinyInputs() {
        for bytes: [UInt8] in [[], [10], [13, 10], [0xEF, 0xBB, 0xBF], [0xFF], [0], Array("---".utf8), Array("---\n---".utf8), Array("##".utf8)] {
            let (lesson, diagnostics) = LessonParser.parse(data: Data(bytes), path: "e.md")
            XCTAssertNil(lesson)
            XCTAssertFalse(diagnostics.isEmpty, "\(bytes)")
            XCTAssertEqual(Self.problems(diagnostics, path: "e.md", lines: Self.lineCount(bytes)), [], "\(bytes)")
        }
    }
}
