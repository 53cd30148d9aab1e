import Foundation
import NNCore
import XCTest

@testable import NNLessons

/// The loader on good and bad files; every expected line number is counted by hand from the text.
final class LessonParserTests: XCTestCase {
    let good = """
        ---
        id: demo
        title: A demo
        dataset: notebook
        lr: 0.5
        epochs: 2
        seed: 42
        ---

        Intro text.

        ## The weighted sum
        id: z
        at: epoch 0, sample 0, phase forward, value z

        z = {{z}} and W = {{forward.W}}.

        ### Question
        kind: sign
        ask: Sign of z?
        answer: {{z}}
        feedback: It was {{z}}.

        ## Step
        id: step
        at: epoch 0, sample 0, phase update, value b

        W[1] became {{update.W[1]}}.

        ### Question
        kind: direction
        ask: Which way did W[1] move?
        answer: −{{dL_dW[1]}}

        ## Epoch end
        id: end
        at: epoch 1, value loss

        Loss {{epoch.loss}} at epoch {{epoch}}.
        """

    let keys = "id, title, part, dataset, samples, noise, data_seed, test_percent, lr, epochs, seed, hidden, activation, loss, batch, init, mode, bugs, check_gradients"

    func messages(_ text: String) -> [String] {
        LessonChecker.check(text: text, path: "t.md").map(\.description)
    }

    func testGoodFileParses() throws {
        let (lesson, diagnostics) = LessonParser.parse(text: good, path: "t.md")
        XCTAssertEqual(diagnostics, [])
        let l = try XCTUnwrap(lesson)
        XCTAssertEqual(l.id, "demo")
        XCTAssertEqual(l.title, "A demo")
        XCTAssertEqual(l.intro, "Intro text.")
        XCTAssertEqual(l.setup, TrainingSetup(data: .builtin(.notebook), learningRate: 0.5, epochs: 2, seed: 42))
        XCTAssertEqual(l.stops.map(\.id), ["z", "step", "end"])
        XCTAssertEqual(l.stops.map(\.line), [12, 24, 35])
        let schema = TraceSchema(setup: l.setup)
        XCTAssertEqual(l.stops[0].trigger, .point(TracePoint(epoch: 0, sample: 0, entry: schema.entry(.preActivation, layer: 1)!)))
        XCTAssertEqual(l.stops[2].trigger, .point(TracePoint(epoch: 1, sample: nil, entry: schema.entry(.epochLoss)!)))
        XCTAssertEqual(l.stops[0].narrative, "z = {{z}} and W = {{forward.W}}.")
        XCTAssertEqual(l.stops[0].question?.kind, .sign)
        XCTAssertEqual(l.stops[0].question?.answer, .live(.trace(phase: nil, name: "z", indexes: []), negated: false))
        XCTAssertEqual(l.stops[1].question?.answer, .live(.trace(phase: nil, name: "dL_dW", indexes: [1]), negated: true))
        XCTAssertEqual(messages(good), [])
    }

    func testSetupKeysAndValues() {
        let text = """
            ---
            id: x
            title: T
            colour: red
            lr: nan
            epochs: 99999999999999999999999
            dataset: xnor
            bugs: sign, typo
            seed: -1
            hidden: 4,,4
            check_gradients: maybe
            lr: 0.1
            mode: broken
            ---
            ## S
            id: s
            at: epoch 0, sample 0, value z

            """
        XCTAssertEqual(messages(text), [
            "t.md:4: unknown key 'colour': keys are \(keys)",
            "t.md:5: bad lr 'nan': a number greater than 0, such as 0.5 or 1e-3",
            "t.md:6: bad epochs '99999999999999999999999': a whole number from 0 to 1000000000",
            "t.md:7: bad dataset 'xnor': one of or, and, nand, xor, notebook, moons, circles, blobs, spiral",
            "t.md:8: bad bugs 'typo': sign, deriv-at-yhat, several separated by commas, or none",
            "t.md:9: bad seed '-1': a whole number from 0 to 4294967295 (numpy's seed for the starting weights)",
            "t.md:10: bad hidden '4,,4': 1 to 4 hidden layers of 1 to 16 units, such as 2, 4,4 or 8,8,8 (or none for the single neuron)",
            "t.md:11: bad check_gradients 'maybe': true or false",
            "t.md:12: duplicate key 'lr' (first on line 5)",
            "t.md:13: bad mode 'broken': corrected (the right maths) or notebook (the notebook's code as written)",
        ])
    }

    func testStopStructureErrors() {
        let text = """
            ---
            id: x
            title: T
            dataset: or
            epochs: 5
            ---
            ## First
            id: a
            at: epoch 0, sample 0, value z

            ## Second
            id: a
            at: epoch 0, sample 1, value W

            ## Third
            at: epoch 0, sample 2, value z
            colour: red

            ## Fourth
            id: d
            when: the moon is full

            ## Fifth
            id: e
            at: epoch 0, sample 0, value z
            when: all samples classified
            """
        XCTAssertEqual(messages(text), [
            "t.md:17: expected 'id:', 'at:', 'when:', 'panel:' or 'try:' under the stop heading; leave a blank line before the text",
            "t.md:12: duplicate stop id 'a' (first used on line 8)",
            "t.md:13: W is published before and after the update: add 'phase forward' or 'phase update'",
            "t.md:15: the stop has no id: add 'id: …' on the line under the heading",
            "t.md:21: cannot read 'when: the moon is full': accepted: 'epoch loss below X' (or above X; with a test set also 'test loss' and 'train loss'), 'PARAMETER changes sign' (such as W[0], b or W1[1][0]), 'all samples classified'",
            "t.md:26: a stop has either 'at:' or 'when:', not both",
        ])
    }

    func testReferencesAndQuestions() {
        let text = """
            ---
            id: x
            title: T
            epochs: 3
            ---
            Intro {{z}}
            ## S
            id: s
            at: epoch 0, sample 0, phase backward, value dL_dW

            Known {{dL_dW[1]}}, unknown {{dL_dz}}, ambiguous {{W}}, bad index {{z[0]}}, {{x[2]}}.
            Unclosed {{y_hat

            ### Question
            kind: number
            ask: How big?
            answer: {{dL_dW}}

            ## T
            id: t
            at: epoch 0, sample 1, phase backward, value dL_db

            ### Question
            kind: choice
            ask: Which?
            options: a | b
            answer: c
            tolerance: 1
            color: blue
            """
        XCTAssertEqual(messages(text), [
            "t.md:6: {{…}} values can only be shown inside a stop, where the trace has them",
            "t.md:11: in {{dL_dz}}: unknown value 'dL_dz' in the single neuron: its values are x, y, W, b, z, y_hat, loss, dL_dyhat, dyhat_dz, dz_dW, dL_dW, dL_db (or epoch, sample, step, epoch.loss)",
            "t.md:11: in {{W}}: W has a value before and after the update: write forward.W or update.W",
            "t.md:11: in {{z[0]}}: z is a single number; drop the index [0]",
            "t.md:11: in {{x[2]}}: bad index on x: x has 2 numbers: use an index from [0] to [1]",
            "t.md:12: '{{' is not closed by '}}'",
            "t.md:29: expected 'key: value' in the question; keys are kind, ask, options, answer, tolerance, feedback, hint",
            "t.md:14: a number question needs 'tolerance:' (the largest accepted difference, such as 0.001)",
            "t.md:28: 'tolerance:' belongs only to a number question",
        ])
        // Once tolerance and the index are fixed, the live answer is checked.
        let fixed = text.replacingOccurrences(of: "answer: {{dL_dW}}", with: "answer: {{dL_dW}}\ntolerance: 0.1")
        XCTAssertTrue(messages(fixed).contains("t.md:17: the answer {{dL_dW}} has several numbers: pick one with an index; dL_dW has 2 numbers: use an index from [0] to [1]"))
    }

    func testReachabilityAndAvailability() {
        let text = """
            ---
            id: x
            title: T
            dataset: xor
            epochs: 50
            ---
            ## Late
            id: late
            at: epoch 3, sample 0, phase forward, value z

            Here {{dL_dW}} is not computed yet, nor is {{epoch.loss}}.

            ## Early
            id: early
            at: epoch 1, sample 0, phase forward, value z

            ## Never
            id: never
            when: all samples classified
            """
        XCTAssertEqual(messages(text), [
            "t.md:11: {{dL_dW}} has no value at stop 'late': it is computed later in the step; move the stop to where it is computed or later",
            "t.md:15: stop 'early' comes before the previous stop 'late' in the trace; stops must be in trace order",
        ])
        let withoutEarly = text.replacingOccurrences(of: "## Early\nid: early\nat: epoch 1, sample 0, phase forward, value z\n\n", with: "")
        XCTAssertEqual(Array(messages(withoutEarly).dropFirst()), [
            "t.md:15: stop 'never' is never reached: an epoch with all samples classified never happens after stop 'late' in this setup (50 epochs of data set xor)"
        ])
        let outOfRange = """
            ---
            id: x
            title: T
            dataset: notebook
            epochs: 2
            ---
            ## S
            id: s
            at: epoch 2, sample 1, phase backward, value dL_dW_numeric
            """
        XCTAssertEqual(messages(outOfRange), ["t.md:9: in 'at:': dL_dW_numeric is computed only with 'check_gradients: true'"])
        let checked = outOfRange.replacingOccurrences(of: "epochs: 2", with: "epochs: 2\ncheck_gradients: true")
        XCTAssertEqual(messages(checked), [
            "t.md:10: epoch 2 never happens: the lesson trains 2 epochs, numbered from 0",
            "t.md:10: sample 1 never happens: the data set has 1 training sample, numbered from 0",
        ])
    }

    func testConditionsStopWhereTheyFirstHold() throws {
        // xor from the seeded start: the summed loss and the classification are checked against the
        // python reference run (W[1] first flips sign in epoch 24, at sample 3).
        let text = """
            ---
            id: x
            title: T
            dataset: xor
            epochs: 100
            ---
            ## Flip
            id: flip
            when: W[1] changes sign

            ## Below
            id: below
            when: epoch loss below 1.2
            """
        let (parsed, d) = LessonParser.parse(text: text, path: "t.md")
        XCTAssertEqual(d, [])
        let lesson = try XCTUnwrap(parsed)
        let bus = TraceBus()
        let recorder = TraceRecorder()
        bus.attach(recorder)
        Trainer(setup: lesson.setup, bus: bus).run()
        let positions = StopLocator.locate(lesson: lesson, recorder: recorder)
        let flip = try XCTUnwrap(positions[0])
        let event = recorder.event(at: flip)
        XCTAssertEqual([event.epoch, event.sample], [24, 3])
        XCTAssertEqual(event.phase, .update)
        XCTAssertEqual(event.name, "W")
        let snapshot = recorder.snapshot(at: flip)
        let before = try XCTUnwrap(snapshot.values.values(.weights, layer: 1, phase: .forward))
        let after = try XCTUnwrap(snapshot.values.values(.weights, layer: 1, phase: .update))
        XCTAssertNotEqual(before.last?.sign, after.last?.sign)
        // The first epoch record at or after the flip with a loss below 1.2.
        let below = try XCTUnwrap(positions[1])
        XCTAssertGreaterThan(below, flip)
        XCTAssertEqual(recorder.event(at: below).phase, .epoch)
        XCTAssertLessThan(recorder.event(at: below).first, 1.2)
        let earlier = recorder.epochCloseEvents.filter { $0 > flip && $0 < below }
        XCTAssertTrue(earlier.allSatisfy { recorder.event(at: $0).first >= 1.2 })
    }

    func testHostileInputsNeverCrash() {
        XCTAssertEqual(messages(""), ["t.md:1: empty file: a lesson starts with a front-matter block opened by a line '---'"])
        XCTAssertEqual(messages("hello"), ["t.md:1: a lesson starts with a front-matter block: the first line must be '---'"])
        XCTAssertEqual(messages("---\nid: x\n"), ["t.md:1: the front-matter block is not closed: add a line '---' after the setup keys"])
        XCTAssertEqual(messages("---\nid: x\ntitle: T\n---\n"), ["t.md:4: the lesson has no stops: add a section starting with '## '"])
        // Invalid UTF-8 on line 3.
        var bytes = Array("---\nid: x\ntitle: ".utf8)
        bytes += [0xFF, 0xFE]
        let d = LessonChecker.check(data: Data(bytes), path: "t.md")
        XCTAssertEqual(d.map(\.description), ["t.md:3: not valid UTF-8 (first bad byte at offset 17); save the file as UTF-8"])
        // 10 MB is refused without parsing.
        let huge = String(repeating: "x", count: 10_000_000)
        XCTAssertEqual(messages(huge), ["t.md:1: file is 10000000 bytes; a lesson file may be at most 1000000 bytes"])
        // Just under the limit, all garbage: diagnostics are capped, nothing traps.
        let garbage = "---\n" + String(repeating: "@@@ {{ ]] \u{0} \r\n", count: 50_000) + "---\n"
        let many = messages(garbage)
        XCTAssertEqual(many.count, LessonParser.maxDiagnostics + 1)
        XCTAssertEqual(many.first, "t.md:2: expected 'key: value' in the setup block; keys are \(keys)")
        // Numbers that overflow or are not finite.
        for bad in ["1e999", "inf", "-inf", "0x10", "1e-400e", "٣"] {
            let text = "---\nid: x\ntitle: T\nlr: \(bad)\n---\n## S\nid: s\nat: epoch 0, sample 0, value z\n"
            XCTAssertEqual(messages(text).first?.hasPrefix("t.md:4: bad lr"), true, bad)
        }
        let hugeEpoch = "---\nid: x\ntitle: T\n---\n## S\nid: s\nat: epoch 99999999999999999999, sample 0, value z\n"
        XCTAssertEqual(messages(hugeEpoch), ["t.md:7: bad epoch '99999999999999999999' in 'at:': a whole number from 0"])
    }

    func testMutatedFilesNeverCrashTheParser() {
        // Deterministic mutations of a good file: every prefix, and bytes swapped for awkward ones.
        let bytes = Array(good.utf8)
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            _ = LessonParser.parse(data: Data(bytes[..<cut]), path: "t.md")
        }
        let awkward: [UInt8] = [0x00, 0x0A, 0x0D, 0x7B, 0x7D, 0x3A, 0x2C, 0x23, 0x2D, 0x5B, 0x5D, 0xFF, 0xC3]
        var state: UInt64 = 42
        for _ in 0..<500 {
            var mutated = bytes
            for _ in 0..<3 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let position = Int(state >> 33) % mutated.count
                mutated[position] = awkward[Int(state >> 20) % awkward.count]
            }
            let (lesson, diagnostics) = LessonParser.parse(data: Data(mutated), path: "t.md")
            XCTAssertTrue(lesson != nil || !diagnostics.isEmpty)
        }
    }

    func testRenderingFormatsLiveValues() throws {
        let (parsed, _) = LessonParser.parse(text: good, path: "t.md")
        let lesson = try XCTUnwrap(parsed)
        let bus = TraceBus()
        let recorder = TraceRecorder()
        bus.attach(recorder)
        Trainer(setup: lesson.setup, bus: bus).run()
        let positions = StopLocator.locate(lesson: lesson, recorder: recorder).map { $0 ?? -1 }
        // Seed 42: z = 0.31890218·1 + 0.27904129 = 0.59794348; W = [−1.11188012, 0.31890218].
        XCTAssertEqual(
            NarrativeRenderer.render(lesson.stops[0].narrative, snapshot: recorder.snapshot(at: positions[0])),
            "z = 0.5979 and W = (−1.1119, 0.3189).")
        // Epoch records carry no sample, and epoch 1 is the second epoch.
        let end = NarrativeRenderer.render(lesson.stops[2].narrative, snapshot: recorder.snapshot(at: positions[2]))
        XCTAssertTrue(end.hasSuffix(" at epoch 1."), end)
        XCTAssertEqual(NarrativeRenderer.render("{{z}} {{nope}}", snapshot: nil), "— —")
        XCTAssertEqual(NarrativeRenderer.render("{{z}} {{nope}}", snapshot: recorder.snapshot(at: positions[0])), "0.5979 {{nope}}")
        XCTAssertEqual(LessonFormat.number(-0.5), "−0.5000")
        XCTAssertEqual(LessonFormat.number(2), "2")
        XCTAssertEqual(LessonFormat.number(-0.0), "0")
        XCTAssertEqual(LessonFormat.number(3.2e-7), "3.2e−07")
        XCTAssertEqual(LessonFormat.number(-0.00049078), "−4.908e−04")
        XCTAssertEqual(LessonFormat.number(1.5e6), "1.5e+06")
        XCTAssertEqual(LessonFormat.number(.nan), "NaN")
    }
}
