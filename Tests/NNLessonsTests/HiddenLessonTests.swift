import Foundation
import NNCore
import NNTestSupport
import XCTest

@testable import NNLessons

/// Lessons on the 2-N-1 network: the `hidden:` key, hidden-layer references, and the two shipped lessons.
/// Every expected line number is counted by hand from the text; every epoch from a numpy reimplementation.
final class HiddenLessonTests: XCTestCase {
    func messages(_ text: String) -> [String] {
        LessonChecker.check(text: text, path: "h.md").map(\.description)
    }

    /// A hidden-layer lesson whose setup lines and stops vary by test.
    func lesson(setup: String, stops: String) -> String {
        "---\nid: h\ntitle: H\ndataset: xor\n" + setup + "\n---\n\n" + stops
    }

    let oneStop = """
        ## Sums
        id: sums
        at: epoch 0, sample 1, value z1

        z1 = {{z1}}.
        """

    // MARK: The setup key

    func testHiddenKeyParses() throws {
        let (parsed, diagnostics) = LessonParser.parse(text: lesson(setup: "hidden: 3\nepochs: 2", stops: oneStop), path: "h.md")
        XCTAssertEqual(diagnostics, [])
        let l = try XCTUnwrap(parsed)
        XCTAssertEqual(l.setup, TrainingSetup(data: .builtin(.xor), epochs: 2, architecture: Architecture(hidden: [3])))
        let (deep, _) = LessonParser.parse(text: lesson(setup: "hidden: 4, 4\nactivation: tanh", stops: oneStop), path: "h.md")
        XCTAssertEqual(try XCTUnwrap(deep).setup.architecture.hidden, [4, 4])
        XCTAssertEqual(try XCTUnwrap(deep).setup.activation, .tanh)
        XCTAssertEqual(messages(lesson(setup: "hidden: 3\nepochs: 2", stops: oneStop)), [])

        let (single, _) = LessonParser.parse(text: lesson(setup: "hidden: none", stops: "## S\nid: s\nat: epoch 0, sample 0, value z\n"), path: "h.md")
        XCTAssertTrue(try XCTUnwrap(single).setup.architecture.isSingleNeuron)
        let (plain, _) = LessonParser.parse(text: lesson(setup: "epochs: 1", stops: "## S\nid: s\nat: epoch 0, sample 0, value z\n"), path: "h.md")
        XCTAssertTrue(try XCTUnwrap(plain).setup.architecture.isSingleNeuron, "no hidden: key is the single neuron")
    }

    func testBadHiddenValuesGiveTheirLine() {
        let help = "1 to 4 hidden layers of 1 to 16 units, such as 2, 4,4 or 8,8,8 (or none for the single neuron)"
        for value in ["0", "17", "two", "2.5", "-1", "4,4,4,4,4", "4,,4"] {
            XCTAssertEqual(
                messages(lesson(setup: "lr: 0.5\nhidden: \(value)", stops: oneStop)), ["h.md:6: bad hidden '\(value)': \(help)"], value)
        }
        XCTAssertEqual(messages(lesson(setup: "lr: 0.5\nhidden:", stops: oneStop)), ["h.md:6: hidden is empty: \(help)"])
        XCTAssertEqual(
            messages(lesson(setup: "hidden: 2\nhidden: 3", stops: oneStop)), ["h.md:6: duplicate key 'hidden' (first on line 5)"])
    }

    func testInitMustGiveEveryParameterOfTheNetwork() {
        XCTAssertEqual(
            messages(lesson(setup: "init: 1, 2, 3\nlr: 0.5\nhidden: 2", stops: oneStop)),
            ["h.md:7: init has 3 numbers, and a 2-2-1 network has 9 parameters: W1 (2×2), b1 (2), W2 (1×2), b2 (1), in that order"])
        XCTAssertEqual(messages(lesson(setup: "hidden: 2\ninit: 1, 2, 3, 4, 5, 6, 7, 8, 9", stops: oneStop)), [])
        // hidden: none is the single neuron, which three numbers set.
        XCTAssertEqual(
            messages(lesson(setup: "hidden: none\ninit: 1, 2, 3", stops: "## S\nid: s\nat: epoch 0, sample 0, value z\n")), [])
    }

    // MARK: References

    func testHiddenReferencesParseAndResolve() {
        func ref(_ s: String) -> ValueReference? { try? ValueReference.parse(s).get() }
        XCTAssertEqual(ref("a1[0]"), .trace(phase: nil, name: "a1", indexes: [0]))
        XCTAssertEqual(ref("forward.W2[1]"), .trace(phase: .forward, name: "W2", indexes: [1]))
        XCTAssertEqual(ref("forward.W1[1][0]"), .trace(phase: .forward, name: "W1", indexes: [1, 0]))
        XCTAssertEqual(ref("epoch.test_loss"), .epoch("test_loss"))
        let schema = TraceSchema(architecture: Architecture(hidden: [3]))
        func resolved(_ s: String) -> ResolvedReference? { ref(s).flatMap { try? $0.resolve(in: schema).get() } }
        XCTAssertEqual(resolved("forward.W1[1][0]")?.kind, .value(schema.entry(.weights, layer: 1, phase: .forward)!, 2..<3, row: false))
        XCTAssertEqual(resolved("update.W1[1]")?.kind, .value(schema.entry(.weights, layer: 1, phase: .update)!, 2..<4, row: true))
        XCTAssertEqual(resolved("dL_dW1[2][1]")?.kind, .value(schema.entry(.dLossDWeights, layer: 1)!, 5..<6, row: false))
        XCTAssertEqual(resolved("forward.W1[1][0]")?.isScalar, true)
        XCTAssertEqual(resolved("update.W1[1]")?.isScalar, false)
        XCTAssertEqual(resolved("a1")?.isScalar, false)

        func error(_ s: String) -> String? {
            guard let r = ref(s) else {
                if case .failure(let e) = ValueReference.parse(s) { return e.message }
                return nil
            }
            if case .failure(let e) = r.resolve(in: schema) { return e.message }
            return nil
        }
        XCTAssertEqual(error("a1[3]"), "bad index on a1: a1 has 3 numbers: use an index from [0] to [2]")
        XCTAssertEqual(error("a1[0][1]"), "bad index on a1: a1 has 3 numbers: use an index from [0] to [2]")
        let matrix = "W1 has 3 rows (one per unit) of 2: use W1[i] for row i or W1[i][j] for one number, i from 0 to 2, j from 0 to 1"
        XCTAssertEqual(error("forward.W1[0][2]"), "bad index on W1: \(matrix)")
        XCTAssertEqual(error("forward.W1[8]"), "bad index on W1: \(matrix)")
        XCTAssertEqual(error("forward.W1[0][0][0]"), "bad index in 'forward.W1[0][0][0]': indexes are whole numbers from 0, at most two: [i] or [i][j]")
        XCTAssertEqual(error("a1[x]"), "bad index in 'a1[x]': indexes are whole numbers from 0, at most two: [i] or [i][j]")
        XCTAssertEqual(error("z2[0]"), "z2 is a single number; drop the index [0]")
        XCTAssertEqual(error("W1[0]"), "W1 has a value before and after the update: write forward.W1 or update.W1")
        XCTAssertEqual(error("backward.a1"), "a1 is not computed in the backward phase; it is computed in forward")
        XCTAssertEqual(error("W3"), "W3 is not in a 2-3-1 network; its parameters are W1, b1, W2, b2")
        XCTAssertEqual(error("epoch.test_loss"), "unknown epoch record 'epoch.test_loss': an epoch's records here are epoch.loss (epoch.test_loss needs a test set: add test_percent: P)")
    }

    /// A snapshot of a 2-3-1 step built by hand: W1 (3×2), a1, delta2 and delta1, nothing else.
    func handBuiltSnapshot() -> TraceSnapshot {
        NNTestSupport.snapshot([
            ("forward.W1", [1, -2, 0.5, 4, -0.125, 3]), ("forward.W2", [0.3, -0.6, 2]), ("forward.a1", [0.25, 0.75, 0.5]),
            ("backward.delta2", [-0.2]), ("backward.delta1", [-0.0123, 0.0225, -0.1]),
        ], schema: TraceSchema(architecture: Architecture(hidden: [3])), epochLosses: [1.5])
    }

    func testHiddenReferencesRenderTheRightNumbers() {
        let s = handBuiltSnapshot()
        XCTAssertEqual(
            NarrativeRenderer.render("a1[2] = {{a1[2]}}, delta1[0] = {{delta1[0]}}, W2[1] = {{forward.W2[1]}}", snapshot: s),
            "a1[2] = 0.5000, delta1[0] = −0.0123, W2[1] = −0.6000")
        XCTAssertEqual(
            NarrativeRenderer.render("W1 = {{forward.W1}}; row 1 = {{forward.W1[1]}}; W1[2][0] = {{forward.W1[2][0]}}", snapshot: s),
            "W1 = [(1, −2), (0.5000, 4), (−0.1250, 3)]; row 1 = (0.5000, 4); W1[2][0] = −0.1250")
        XCTAssertEqual(NarrativeRenderer.render("{{a1}} {{delta2}}", snapshot: s), "(0.2500, 0.7500, 0.5000) −0.2000")
        // Not computed yet at this snapshot, or beyond the units it holds.
        XCTAssertEqual(NarrativeRenderer.render("{{dL_dW1}} {{update.W1[0]}}", snapshot: s), "— —")

        // A live answer on one weight of W1 and on one unit's δ.
        let q = LessonQuestion(kind: .direction, prompt: "?", answer: .live(.trace(phase: .forward, name: "W1", indexes: [0, 1]), negated: true))
        XCTAssertEqual(q.answerText(snapshot: s), "up")
        let n = LessonQuestion(
            kind: .number, prompt: "?", answer: .live(.trace(phase: nil, name: "delta1", indexes: [0]), negated: false), tolerance: 0.0002)
        XCTAssertEqual(n.check(answer: "-0.0122", snapshot: s).outcome, .correct)
        XCTAssertEqual(n.check(answer: "-0.0126", snapshot: s).outcome, .incorrect)
    }

    // MARK: Checks that need the setup

    func testReferencesMustMatchTheNetworkAndItsUnits() {
        let stops = """
            ## Sums
            id: sums
            at: epoch 0, sample 1, value z1

            z = {{z}}, a1[1] = {{a1[1]}}, a1[2] = {{a1[2]}}, row {{forward.W1[2]}}, weight {{forward.W1[1][1]}}.

            ## Old weights
            id: old
            at: epoch 0, sample 1, phase update, value W

            ## Flip
            id: flip
            when: W[0] changes sign
            """
        let network = "x, y, W1, b1, W2, b2, z1, a1, z2, y_hat, loss, dL_dyhat, dadz2, delta2, dL_dW2, dL_db2, dL_da1, dadz1, delta1, dL_dW1, dL_db1 (or epoch, sample, step, epoch.loss)"
        XCTAssertEqual(messages(lesson(setup: "hidden: 2", stops: stops)), [
            "h.md:12: in {{z}}: unknown value 'z' in a 2-2-1 network: its values are \(network)",
            "h.md:12: in {{a1[2]}}: bad index on a1: a1 has 2 numbers: use an index from [0] to [1]",
            "h.md:12: in {{forward.W1[2]}}: bad index on W1: W1 has 2 rows (one per unit) of 2: use W1[i] for row i or W1[i][j] for one number, i from 0 to 1, j from 0 to 1",
            "h.md:16: in 'at:': W is not in a 2-2-1 network; its parameters are W1, b1, W2, b2",
            "h.md:20: 'W[0] changes sign' watches a parameter (a weight or a bias), such as W1[0][0], b1[0], W2[0] or b2",
        ])
        // The same names in a single-neuron lesson.
        let single = """
            ## Sum
            id: sum
            at: epoch 0, sample 1, value z

            {{a1[0]}} and {{x[1]}}.

            ## Hidden
            id: hidden
            at: epoch 0, sample 1, value delta1
            """
        let neuron = "x, y, W, b, z, y_hat, loss, dL_dyhat, dyhat_dz, dz_dW, dL_dW, dL_db (or epoch, sample, step, epoch.loss)"
        XCTAssertEqual(messages(lesson(setup: "epochs: 1", stops: single)), [
            "h.md:12: in {{a1[0]}}: unknown value 'a1' in the single neuron: its values are \(neuron)",
            "h.md:16: in 'at:': unknown value 'delta1' in the single neuron: its values are \(neuron)",
        ])
    }

    func testLiveAnswersOnHiddenValues() {
        let stops = """
            ## Back
            id: back
            at: epoch 0, sample 1, value dL_db1

            ### Question
            kind: number
            ask: delta1[0]?
            answer: {{a1}}
            tolerance: 0.001
            """
        XCTAssertEqual(messages(lesson(setup: "hidden: 2", stops: stops)), [
            "h.md:15: the answer {{a1}} has several numbers: pick one with an index; a1 has 2 numbers: use an index from [0] to [1]"
        ])
        let good = stops.replacingOccurrences(of: "{{a1}}", with: "{{delta1[0]}}")
        // δ₁ comes before ∂L/∂b₁ in the backward pass, so it is on screen when the question is asked.
        XCTAssertEqual(messages(lesson(setup: "hidden: 2", stops: good)), [
            "h.md:15: warning: the question at stop 'back' gives its answer away: delta1 is on screen when it is asked, just before dL_db1; put the stop on delta1 or ask about a value computed later"
        ])
        let direction = good.replacingOccurrences(of: "kind: number", with: "kind: direction")
            .replacingOccurrences(of: "{{delta1[0]}}", with: "−{{dL_dW1[1][1]}}").replacingOccurrences(of: "tolerance: 0.001", with: "")
        XCTAssertEqual(messages(lesson(setup: "hidden: 2", stops: direction)), [])
    }

    // MARK: Conditions

    /// numpy, seed 42, lr 0.5, N = 2: every point is first classified in epoch 453 and the loss first drops
    /// below 0.05 in epoch 612 (1.8547 in epoch 0).
    func testConditionsFindTheirEpochsInAHiddenRun() throws {
        let stops = """
            ## Start
            id: start
            when: epoch loss above 1.8

            ## Right
            id: right
            when: all samples classified

            ## Low
            id: low
            when: epoch loss below 0.05
            """
        let text = lesson(setup: "hidden: 2\nlr: 0.5\nseed: 42\nepochs: 700", stops: stops)
        XCTAssertEqual(messages(text), [])
        let l = try XCTUnwrap(LessonParser.parse(text: text, path: "h.md").0)
        let (recorder, positions, _) = LessonChecker.run(l)
        let epochs = try positions.map { try XCTUnwrap($0) }.map { recorder.event(at: $0) }
        XCTAssertEqual(epochs.map(\.epoch), [0, 453, 612])
        XCTAssertEqual(epochs.map(\.phase), [.epoch, .epoch, .epoch])
        XCTAssertEqual(epochs[2].first, 0.0499400158098266, accuracy: 1e-12)
    }

    // MARK: The shipped lessons

    func testShippedHiddenLessonsCheckCleanAndReachEveryStop() throws {
        let expected: [String: (units: Int, stops: [(id: String, epoch: Int, sample: Int?)])] = [
            "12-hidden-layer-xor.md": (2, [
                ("hidden-sums", 0, 0), ("output", 0, 0), ("first-epoch", 0, nil), ("plateau", 99, nil),
                ("classified", 453, nil), ("solved", 612, nil), ("end", 999, nil),
            ]),
            "13-backprop-two-layers.md": (2, [
                ("delta2", 0, 1), ("output-weights", 0, 1), ("hidden-delta", 0, 1), ("hidden-weights", 0, 1),
                ("update", 0, 1), ("target-zero", 0, 3), ("end", 612, nil),
            ]),
        ]
        for (name, want) in expected {
            let entry = try XCTUnwrap(BuiltInCourse.lessons.first { $0.name == name }, name)
            let path = "lessons/" + name
            XCTAssertEqual(LessonChecker.check(text: entry.text, path: path).map(\.description), [], name)
            let l = try XCTUnwrap(LessonParser.parse(text: entry.text, path: path).0)
            XCTAssertEqual(l.setup.architecture.hidden, [want.units], name)
            XCTAssertEqual(l.setup.data, .builtin(.xor), name)
            XCTAssertEqual(l.stops.map(\.id), want.stops.map(\.id), name)
            let (recorder, positions, _) = LessonChecker.run(l)
            let events = try positions.map { try XCTUnwrap($0, name) }.map { recorder.event(at: $0) }
            XCTAssertEqual(events.map(\.epoch), want.stops.map(\.epoch), name)
            XCTAssertEqual(events.map(\.sample), want.stops.map(\.sample), name)
            for (stop, position) in zip(l.stops, positions.compactMap { $0 }) {
                let snapshot = recorder.snapshot(at: position)
                let shown = NarrativeRenderer.render(stop.narrative, snapshot: snapshot)
                XCTAssertFalse(shown.contains("{{") || shown.contains(NarrativeRenderer.missing), "\(name) \(stop.id)")
                if let q = stop.question {
                    for text in [q.prompt, q.hint ?? "", q.feedback ?? ""] {
                        let rendered = NarrativeRenderer.render(text, snapshot: snapshot)
                        XCTAssertFalse(rendered.contains("{{") || rendered.contains(NarrativeRenderer.missing), "\(name) \(stop.id)")
                    }
                }
            }
        }
    }

    /// The fixed answers in the shipped lessons, worked out independently (numpy, seed 42).
    func testShippedHiddenLessonAnswers() throws {
        func answers(_ name: String) throws -> [String: String] {
            let entry = try XCTUnwrap(BuiltInCourse.lessons.first { $0.name == name })
            let l = try XCTUnwrap(LessonParser.parse(text: entry.text, path: name).0)
            let (recorder, positions, _) = LessonChecker.run(l)
            var out: [String: String] = [:]
            for (stop, position) in zip(l.stops, positions) {
                guard let q = stop.question, let position else { continue }
                out[stop.id] = q.answerText(snapshot: recorder.snapshot(at: position))
            }
            return out
        }
        // z1[0] at x = (0, 0) is b1[0] = −0.5809; ŷ at (1, 0) after epoch 612 needs both units off.
        let eleven = try answers("12-hidden-layer-xor.md")
        XCTAssertEqual(eleven["hidden-sums"], "−0.5809 (± 0.005)")
        XCTAssertEqual(eleven["first-epoch"], "a) yes")
        XCTAssertEqual(eleven["solved"], "d) neither")
        XCTAssertEqual(eleven["end"], "b) no")
        // Epoch 0, sample 1: δ2 = −0.0586, ∂L/∂W2[1] = −0.0363, δ1 = (0.00823468, 0.01277414) (numpy, the
        // order of the lesson's draw and updates); sample 3: δ1[1] = −5.174e−04.
        let twelve = try answers("13-backprop-two-layers.md")
        XCTAssertEqual(twelve["delta2"], "−")
        XCTAssertEqual(twelve["output-weights"], "up")
        XCTAssertEqual(twelve["hidden-delta"], "0.008235 (± 0.0002)")
        XCTAssertEqual(twelve["hidden-weights"], "a) the first column")
        XCTAssertEqual(twelve["update"], "down")
        XCTAssertEqual(twelve["target-zero"], "−")
    }
}

final class LessonTitleTests: XCTestCase {
    func testQuotedTitlesMeanTheTextInside() throws {
        for (written, expected) in [(#""The notebook's mistakes""#, "The notebook's mistakes"), ("'Plain'", "Plain"),
                                    (#""Half"#, #""Half"#), ("No quotes", "No quotes")] {
            let text = "---\nid: t\ntitle: \(written)\nepochs: 1\n---\n\n## Stop\nid: s\nat: epoch 0, sample 0, phase forward, value z\n\nText.\n"
            let (lesson, diagnostics) = LessonParser.parse(text: text, path: "t.md")
            XCTAssertEqual(diagnostics.map(\.description), [])
            XCTAssertEqual(lesson?.title, expected)
        }
    }
}
