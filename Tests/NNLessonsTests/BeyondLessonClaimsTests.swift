import Foundation
import NNCore
import XCTest

@testable import NNLessons

/// What the lessons beyond the notebook (14 to 19) say, checked against the trace: each derivative
/// recomputed by its formula from the trace's own inputs, and every comparison between runs made
/// on runs of the experiments' settings.
final class BeyondLessonClaimsTests: XCTestCase {
    func maxAbs(_ v: [Double]) -> Double { v.map(abs).max() ?? 0 }

    // MARK: 14 tanh and ReLU

    func testReLUSlopesAndTheUnitsThatDie() throws {
        let run = try ShippedRun("14-tanh-and-relu.md")
        let z = try run.values("z1", at: "relu-forward")
        XCTAssertEqual(z, try run.values("forward.b1", at: "relu-forward"), "x = (0, 0): z₁ = b₁")
        XCTAssertEqual(try run.values("a1", at: "relu-forward"), z.map { max(0, $0) })
        XCTAssertEqual(try run.answer("relu-forward"), "0 (± 0.001)")
        XCTAssertEqual(try run.values("dadz1", at: "slopes"), z.map { $0 > 0 ? 1 : 0 })
        // At unit 2's sum, σ′ and tanh′ by their formulas are both below ReLU's 1.
        let z2 = z[2]
        XCTAssertGreaterThan(z2, 0)
        XCTAssertLessThan(sigmoid(z2) * (1 - sigmoid(z2)), 0.25)
        XCTAssertLessThan(1 - tanh(z2) * tanh(z2), 1)
        XCTAssertEqual(try run.answer("slopes"), "c) ReLU")

        // Epoch 0: units 0 and 1 are on for x = (0, 1) only, and their δ there is positive.
        var sums: [[Double]] = []
        var frozen: [[Double]] = []
        let dies = try run.event("dies").step
        let outcome = RunOutcome(run.lesson.setup) { step in
            let s = step.schema
            let z1 = Array(step[s.entry(.preActivation, layer: 1)!])
            if step.epoch == 0 { sums.append(z1) }
            if step.step >= dies {
                XCTAssertTrue(z1[0] <= 0 && z1[1] <= 0, "units 0 and 1 stay off (step \(step.step))")
                let w1 = Array(step[s.entry(.weights, layer: 1, phase: .forward)!])
                let b1 = Array(step[s.entry(.bias, layer: 1, phase: .forward)!])
                let w2 = Array(step[s.entry(.weights, layer: 2, phase: .forward)!])
                frozen.append(Array(w1[0..<4]) + Array(b1[0..<2]) + Array(w2[0..<2]))
            }
        }
        XCTAssertEqual(sums.map { $0[0] > 0 && $0[1] > 0 }, [false, true, false, false])
        XCTAssertTrue(try run.values("delta1", at: "one-sample")[0..<2].allSatisfy { $0 > 0 })
        XCTAssertEqual(try run.answer("one-sample"), "+")
        XCTAssertEqual(try run.event("dies").epoch, 4)
        XCTAssertTrue(try run.values("delta1", at: "dies")[0..<2].allSatisfy { $0 == 0 })
        XCTAssertEqual(Set(frozen.map { $0.map(\.bitPattern) }).count, 1, "their weights never change after the stop")
        XCTAssertEqual(try run.answer("dies"), "b) no, never")
        XCTAssertEqual(try run.values("update.W1[0]", at: "end"), Array(frozen[0][0..<2]))
        XCTAssertLessThan(outcome.epochLoss.last!, 0.01, "the two units left learn xor")

        // After 50 epochs: sigmoid still near 1, tanh about as far down as ReLU.
        let relu = outcome.epochLoss[49]
        XCTAssertEqual(try run.value("epoch.loss", at: "compare"), relu)
        let sigmoidRun = RunOutcome(try run.variant("activation", "sigmoid")), tanhRun = RunOutcome(try run.variant("activation", "tanh"))
        XCTAssertGreaterThan(sigmoidRun.epochLoss[49], 0.9)
        XCTAssertLessThan(tanhRun.epochLoss[49], 2 * relu)
        XCTAssertLessThan(relu, 0.3)
        // Leaky ReLU: the same units keep moving, a little.
        var leakyFirst: [Double]?, leakyLast: [Double] = []
        _ = RunOutcome(try run.variant("activation", "leaky-relu")) { step in
            guard step.step >= dies else { return }
            let w1 = Array(step[step.schema.entry(.weights, layer: 1, phase: .forward)!][0..<2])
            if leakyFirst == nil { leakyFirst = w1 }
            leakyLast = w1
        }
        XCTAssertNotEqual(leakyFirst, leakyLast)
    }

    // MARK: 15 deep and stalled

    func testDeltaShrinksLayerByLayer() throws {
        let run = try ShippedRun("15-deep-and-stalled.md")
        let d4 = abs(try run.value("delta4", at: "delta1"))
        let d3 = try run.values("delta3", at: "delta1"), d2 = try run.values("delta2", at: "delta1"), d1 = try run.values("delta1", at: "delta1")
        // δ₃ by its formula from the trace's inputs: W₄[i] · δ₄ · a₃[i](1 − a₃[i]).
        let w4 = try run.values("forward.W4", at: "delta1"), a3 = try run.values("a3", at: "delta1")
        let delta4 = try run.value("delta4", at: "delta1")
        for i in 0..<4 { XCTAssertEqual(d3[i], w4[i] * delta4 * a3[i] * (1 - a3[i]), accuracy: 1e-15) }
        let sizes = [d4, maxAbs(d3), maxAbs(d2), maxAbs(d1)]
        for (above, below) in zip(sizes, sizes.dropFirst()) {
            XCTAssertTrue((2...5).contains(above / below), "a factor of two to five per layer: \(sizes)")
        }
        XCTAssertLessThanOrEqual(sizes[1], 0.25 * d4)
        XCTAssertGreaterThan(d4 / sizes[3], 10)
        XCTAssertEqual(try run.answer("delta3"), "c) a quarter of δ₄ or less")
        XCTAssertEqual(try run.answer("delta1"), "c) more than ten times smaller")
        XCTAssertTrue(try run.values("dadz1", at: "delta1").allSatisfy { $0 <= 0.25 })

        XCTAssertGreaterThan(try run.value("epoch.loss", at: "plateau"), 1)
        XCTAssertGreaterThan(try run.event("escape").epoch, 500, "most of the 1000 epochs on the plateau")
        XCTAssertLessThan(try run.value("epoch.loss", at: "end"), 0.05)
        let twoTwoOne = RunOutcome(try ShippedRun("12-hidden-layer-xor.md").lesson.setup)
        XCTAssertLessThan(try XCTUnwrap(twoTwoOne.epochLoss.firstIndex { $0 < 1 }), 400, "lesson 12's network leaves within a few hundred")

        let tanhRun = RunOutcome(try run.variant("activation", "tanh"))
        XCTAssertLessThan(tanhRun.epochLoss[99], 0.1)
        let relu = RunOutcome(try run.variant("activation", "relu")).epochLoss
        XCTAssertTrue((0.5...1).contains(relu.last!), "ReLU settles above a half: \(relu.last!)")
        XCTAssertEqual(relu[499], relu[999], accuracy: 1e-3, "and never leaves")
    }

    // MARK: 16 cross-entropy

    func testCrossEntropyTakesAFullStepFromAConfidentMistake() throws {
        let run = try ShippedRun("16-cross-entropy.md")
        let yHat = sigmoid(-5)
        XCTAssertEqual(try run.value("y_hat", at: "start"), yHat, accuracy: 1e-15)
        XCTAssertEqual(try run.value("loss", at: "start"), -log(yHat), accuracy: 1e-12)
        XCTAssertEqual(try run.value("dL_dyhat", at: "slope"), -1 / yHat, accuracy: 1e-9)
        XCTAssertEqual(try run.value("delta", at: "delta"), yHat - 1, accuracy: 1e-15)
        XCTAssertEqual(try run.answer("slope"), "b) cross-entropy")
        let step = try run.value("update.b", at: "update") - (-2)
        XCTAssertEqual(step, 0.5 * (1 - yHat), accuracy: 1e-15)
        XCTAssertEqual(try run.value("update.W[1]", at: "update") - (-3), step, accuracy: 1e-15)
        // Squared error's first δ, −2(1 − ŷ)ŷ(1 − ŷ), is 1/(2σ′) times smaller: dozens of times.
        var squaredDelta: Double?
        let squared = RunOutcome(try run.variant("loss", "squared")) { step in
            if step.step == 0 { squaredDelta = step.scalar(step.schema.entry(.dLossDBias, layer: 1)!) }
        }
        XCTAssertEqual(try XCTUnwrap(squaredDelta), -2 * (1 - yHat) * yHat * (1 - yHat), accuracy: 1e-15)
        XCTAssertTrue((24...200).contains((1 - yHat) / abs(squaredDelta!)))
        let right = try run.event("right").epoch
        XCTAssertLessThanOrEqual(right, 10, "a handful of steps")
        XCTAssertGreaterThan(try XCTUnwrap(squared.firstAllRight) + 1, 10 * (right + 1), "more than ten times as many epochs")
        XCTAssertGreaterThan(try run.value("y_hat", at: "end"), 0.9)
    }

    // MARK: 17 batches

    func testFullBatchUsesTheMeanGradientOncePerEpoch() throws {
        let run = try ShippedRun("17-batches.md")
        // The last sample of the first batch still reads the drawn W (numpy, seed 42).
        XCTAssertEqual(try run.values("forward.W", at: "mean"), [-1.1118801180469204, 0.31890218468938336])
        XCTAssertEqual(try run.answer("same-weights"), "a) the same W as sample 0")
        var perSampleB: [Double] = [], perSampleW: [[Double]] = []
        let outcome = RunOutcome(run.lesson.setup) { step in
            guard step.epoch == 0 else { return }
            perSampleB.append(step.scalar(step.schema.entry(.dLossDBias, layer: 1)!))
            perSampleW.append(Array(step[step.schema.entry(.dLossDWeights, layer: 1)!]))
        }
        let meanB = perSampleB.reduce(0, +) / 4
        XCTAssertEqual(try run.value("mean_dL_db", at: "mean"), meanB, accuracy: 1e-15)
        XCTAssertLessThan(meanB, 0)
        XCTAssertEqual(try run.answer("mean"), "−")
        let meanW = (0..<2).map { j in perSampleW.map { $0[j] }.reduce(0, +) / 4 }
        let w = try run.values("forward.W", at: "step"), updated = try run.values("update.W", at: "step")
        for j in 0..<2 { XCTAssertEqual(updated[j], w[j] - 0.5 * meanW[j], accuracy: 1e-15) }
        XCTAssertTrue(zip(outcome.epochLoss, outcome.epochLoss.dropFirst()).allSatisfy { $0 > $1 }, "a smooth, falling curve")
        let two = RunOutcome(try run.variant("batch", "2")), one = RunOutcome(try run.variant("batch", "1"))
        let full = outcome.epochLoss.last!
        XCTAssertTrue(full > two.epochLoss.last! && two.epochLoss.last! > one.epochLoss.last!)
        XCTAssertTrue((3...8).contains(full / one.epochLoss.last!), "about five times: \(full / one.epochLoss.last!)")
        XCTAssertGreaterThan(try XCTUnwrap(outcome.firstAllRight), 3 * (try XCTUnwrap(one.firstAllRight)))
    }

    // MARK: 18 moons and a test set

    func testTheTestLossTurnsUpWhileTheTrainingLossFalls() throws {
        let run = try ShippedRun("18-moons-test-set.md")
        let test = Array(try XCTUnwrap(run.recorder.epochSeries[.testLoss]).values)
        let train = Array(try XCTUnwrap(run.recorder.epochSeries[.trainLoss]).values)
        XCTAssertEqual(test.count, 3000)
        let best = try XCTUnwrap(test.indices.min { test[$0] < test[$1] })
        XCTAssertEqual(try run.event("best").epoch, best, "the stop is at the lowest test loss of the run")
        let up = try run.event("turns-up").epoch
        XCTAssertGreaterThan(test[up], 2 * test[best], "doubled since its best")
        XCTAssertLessThan(train[up], train[best], "while the training loss fell")
        XCTAssertLessThan(train[2999], train[up])
        XCTAssertGreaterThan(test[2999], test[best])
        XCTAssertGreaterThan(try run.value("epoch.train_accuracy", at: "end"), try run.value("epoch.train_accuracy", at: "best"))
        XCTAssertLessThan(try run.value("epoch.test_accuracy", at: "end"), try run.value("epoch.test_accuracy", at: "best"))
        XCTAssertEqual(try run.answer("first-epoch"), "b) fall at first, then rise")
        // An accuracy reads as a percentage of the points: the share right, counted by hand from
        // the data and the network at the stop, in tenths of a percent.
        let atBest = try run.snapshot("best")
        let testPoints = Array(Trainer(setup: run.lesson.setup, bus: TraceBus()).dataset.test)
        let rightAtBest = testPoints.filter { Classification.isRight(yHat: atBest.network.predict($0.x), y: $0.y) }.count
        let tenths = (Double(rightAtBest) * 1000 / Double(testPoints.count)).rounded()
        let shown = tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths) / 10)%" : "\(Int(tenths) / 10).\(Int(tenths) % 10)%"
        let bestStop = try XCTUnwrap(run.lesson.stops.first { $0.id == "best" })
        XCTAssertTrue(NarrativeRenderer.render(bestStop.narrative, snapshot: atBest).contains("classifies \(shown) of the test points"),
                      NarrativeRenderer.render(bestStop.narrative, snapshot: atBest))

        // The boundary wraps around single noisy points: a training point whose class differs
        // from most of its five nearest training neighbours is classified right at the end.
        let data = Trainer(setup: run.lesson.setup, bus: TraceBus()).dataset
        XCTAssertEqual(data.trainingCount, 70)
        XCTAssertEqual(data.testCount, 30)
        let training = Array(data.training)
        let network = try run.snapshot("end").network
        let wrapped = training.filter { point in
            let near = training.filter { $0 != point }.sorted {
                let a = $0.x - point.x, b = $1.x - point.x
                return (a * a).sum() < (b * b).sum()
            }.prefix(5)
            let others = near.filter { $0.y != point.y }.count
            return others >= 4 && Classification.isRight(yHat: network.predict(point.x), y: point.y)
        }
        XCTAssertFalse(wrapped.isEmpty, "some noisy training point is wrapped")

        // More data: the test loss ends lower and closer to the training loss.
        let more = RunOutcome(try run.variant("samples", "400"))
        XCTAssertLessThan(more.testLoss.last!, test[2999])
        XCTAssertLessThan(more.testLoss.last! - more.trainLoss.last!, test[2999] - train[2999])
        // Fewer units: the test loss ends near its lowest.
        let three = RunOutcome(try run.variant("hidden", "3"))
        XCTAssertLessThan(three.testLoss.last!, 1.1 * three.testLoss.min()!)
    }

    // MARK: 19 your own data

    func testCirclesAndWhatToLookFor() throws {
        let run = try ShippedRun("19-your-own-data.md")
        let data = Trainer(setup: run.lesson.setup, bus: TraceBus()).dataset
        XCTAssertEqual(data.testCount, 20)
        func radius(_ s: Sample) -> Double { (s.x * s.x).sum().squareRoot() }
        let inner = data.samples.filter { $0.y == 1 }.map(radius), outer = data.samples.filter { $0.y == 0 }.map(radius)
        XCTAssertLessThan(inner.max()!, outer.min()!, "class 1 on the inner ring")
        XCTAssertEqual(try run.answer("row"), "b) only y = 1 rows")
        XCTAssertEqual(try run.value("epoch.train_accuracy", at: "end"), 1)
        XCTAssertEqual(try run.value("epoch.test_accuracy", at: "end"), 1)
        // A closed patch: 1 at the centre, 0 all round at the outer ring and beyond.
        let network = try run.snapshot("end").network
        XCTAssertGreaterThan(network.predict(SIMD2(0, 0)), 0.5)
        for k in 0..<16 {
            let angle = Double(k) * .pi / 8
            for r in [1.0, 1.5] {
                XCTAssertLessThan(network.predict(SIMD2(r * cos(angle), r * sin(angle))), 0.5, "r \(r), angle \(angle)")
            }
        }
        let two = RunOutcome(try run.variant("hidden", "2"))
        XCTAssertLessThan(two.trainAccuracy.last!, 0.9)
        XCTAssertLessThan(two.testAccuracy.last!, 0.9)

        // A file as pandas' to_csv(index=False) writes the intro's frame, and a spreadsheet's.
        let pandas = "x1,x2,y\n0.0,1.0,1\n0.2,0.9,1\n1.1,-0.3,0\n"
        let samples = try DataFile.parse(Array(pandas.utf8), path: "mydata.csv").get()
        XCTAssertEqual(samples, [Sample(x: SIMD2(0, 1), y: 1), Sample(x: SIMD2(0.2, 0.9), y: 1), Sample(x: SIMD2(1.1, -0.3), y: 0)])
        let sheet = "y,x2,x1\r\nTRUE,1,0\r\nFALSE,-0.3,1.1\r\n"
        XCTAssertEqual(try DataFile.parse(Array(sheet.utf8), path: "sheet.csv").get(),
                       [Sample(x: SIMD2(0, 1), y: 1), Sample(x: SIMD2(1.1, -0.3), y: 0)])
    }
}
