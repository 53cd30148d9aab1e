import XCTest
@testable import NNCore
import NNTestSupport

/// What a learner reads on inspecting a value: symbols, formulas and substitutions written out by
/// hand for a handful of cases; `ProvenanceTests+Honesty` holds every rule to the trace's numbers.
final class ProvenanceTests: XCTestCase {
    let net221 = Architecture(hidden: [2])

    /// The provenance of `name`[index] ("phase.name") in hand-made values.
    func explain(_ values: StepValues, _ name: String, _ index: Int = 0, setup: TrainingSetup,
                 at position: StepPosition? = nil) throws -> Provenance {
        let entry = try XCTUnwrap(values.schema.entries.first { $0.description == name }, name)
        return try XCTUnwrap(ProvenanceBuilder.explain(TraceComponent(entry: entry, index: index), in: values, setup: setup, at: position))
    }

    func testAHiddenWeightsGradientReadsAsDeltaTimesInput() throws {
        let setup = TrainingSetup(architecture: net221)
        let schema = TraceSchema(setup: setup)
        let values = StepValues.with(schema, [("forward.x", [0.5, 1]), ("backward.delta1", [0.008217, -0.25]),
                                              ("backward.dL_dW1", [0.0041085, 0.008217, -0.125, -0.25])])
        let p = try explain(values, "backward.dL_dW1", 1, setup: setup)
        XCTAssertEqual(p.symbol, "∂L/∂W₁[0][1]")
        XCTAssertEqual(p.formula, "δ₁[0] · x[1]")
        XCTAssertEqual(p.substituted, "(0.008217) · (1.0)")
        XCTAssertEqual(p.value, 0.008217)
        XCTAssertEqual(p.inputs.map(\.symbol), ["δ₁[0]", "x[1]"])
        XCTAssertEqual(p.inputs.map(\.value), [0.008217, 1])
        XCTAssertEqual(p.inputs.map(\.source), [.thisStep, .thisStep])
        XCTAssertEqual(p.inputs.map { "\($0.component.entry)[\($0.component.index)]" }, ["backward.delta1[0]", "forward.x[1]"])
        let row = try explain(values, "backward.dL_dW1", 2, setup: setup)
        XCTAssertEqual(row.symbol, "∂L/∂W₁[1][0]")
        XCTAssertEqual(row.formula, "δ₁[1] · x[0]")
        XCTAssertEqual(row.substituted, "(−0.25) · (0.5)", "a true minus sign")
    }

    func testTheSingleNeuronReadsAsTheNotebookWritesIt() throws {
        let setup = TrainingSetup()
        let values = StepValues.with(neuronSchema, [
            ("forward.x", [1, 0]), ("forward.y", [1]), ("forward.W", [0.5, -0.25]), ("forward.b", [0.125]),
            ("forward.z", [0.625]), ("forward.y_hat", [0.75]), ("forward.loss", [0.0625]),
            ("backward.dL_dyhat", [-0.5]), ("backward.dyhat_dz", [0.1875]), ("backward.dz_dW", [1, 0]),
            ("backward.dL_dW", [-0.09375, -0]), ("backward.dL_db", [-0.09375]),
        ])
        let z = try explain(values, "forward.z", setup: setup)
        XCTAssertEqual(z.symbol, "z")
        XCTAssertEqual(z.formula, "W[0]·x[0] + W[1]·x[1] + b")
        XCTAssertEqual(z.substituted, "(0.5)·(1.0) + (−0.25)·(0.0) + (0.125)")
        XCTAssertEqual(z.inputs.map(\.symbol), ["W[0]", "x[0]", "W[1]", "x[1]", "b"])
        let yHat = try explain(values, "forward.y_hat", setup: setup)
        XCTAssertEqual([yHat.symbol, yHat.formula, yHat.substituted], ["ŷ", "σ(z)", "σ(0.625)"])
        let loss = try explain(values, "forward.loss", setup: setup)
        XCTAssertEqual([loss.symbol, loss.formula, loss.substituted], ["L", "(y − ŷ)²", "((1.0) − (0.75))²"])
        let dL = try explain(values, "backward.dL_dyhat", setup: setup)
        XCTAssertEqual([dL.symbol, dL.formula], ["∂L/∂ŷ", "−2(y − ŷ)"])
        XCTAssertNil(dL.note)
        let slope = try explain(values, "backward.dyhat_dz", setup: setup)
        XCTAssertEqual([slope.symbol, slope.formula, slope.substituted], ["∂ŷ/∂z", "ŷ(1 − ŷ)", "(0.75)(1 − (0.75))"])
        XCTAssertEqual(slope.inputs.count, 1, "ŷ is listed once")
        let dzdW = try explain(values, "backward.dz_dW", 1, setup: setup)
        XCTAssertEqual([dzdW.symbol, dzdW.formula], ["∂z/∂W[1]", "x[1]"])
        let dW = try explain(values, "backward.dL_dW", 1, setup: setup)
        XCTAssertEqual([dW.symbol, dW.formula, dW.substituted], ["∂L/∂W[1]", "∂L/∂ŷ · ∂ŷ/∂z · x[1]", "(−0.5) · (0.1875) · (0.0)"])
        let db = try explain(values, "backward.dL_db", setup: setup)
        XCTAssertEqual([db.symbol, db.formula], ["∂L/∂b", "∂L/∂ŷ · ∂ŷ/∂z"])
    }

    func testTheNotebooksMistakesAreWrittenAsItComputesThemWithTheCorrection() throws {
        let setup = TrainingSetup(mode: .notebook)
        let values = StepValues.with(neuronSchema, [
            ("forward.y", [1]), ("forward.y_hat", [0.75]), ("backward.dL_dyhat", [0.5]), ("backward.dyhat_dz", [0.2]),
        ])
        let dL = try explain(values, "backward.dL_dyhat", setup: setup)
        XCTAssertEqual(dL.formula, "2(y − ŷ)")
        XCTAssertEqual(dL.substituted, "2((1.0) − (0.75))")
        XCTAssertEqual(dL.note, "the notebook's loss_deriv drops the minus sign; correct: −2(y − ŷ)")
        let slope = try explain(values, "backward.dyhat_dz", setup: setup)
        XCTAssertEqual(slope.formula, "σ(ŷ)(1 − σ(ŷ))")
        XCTAssertEqual(slope.substituted, "σ(0.75)(1 − σ(0.75))")
        XCTAssertEqual(slope.note, "the notebook's sigmoid_deriv(self.y_hat): the derivative taken at ŷ instead of at z; correct: ŷ(1 − ŷ)")
    }

    func testCrossEntropyNamesItsBranch() throws {
        let setup = TrainingSetup(loss: .crossEntropy)
        let schema = TraceSchema(setup: setup)
        for (y, loss, derivative) in [(1.0, "−log(ŷ), since y = 1", "−1/ŷ, since y = 1"),
                                      (0.0, "−log(1 − ŷ), since y = 0", "1/(1 − ŷ), since y = 0")] {
            let values = StepValues.with(schema, [("forward.y", [y]), ("forward.y_hat", [0.75]), ("forward.loss", [0.3]),
                                                  ("backward.dL_dyhat", [1]), ("backward.dyhat_dz", [0.1875]), ("backward.delta", [0.1])])
            let l = try explain(values, "forward.loss", setup: setup)
            XCTAssertEqual(l.formula, loss)
            XCTAssertEqual(l.inputs.map(\.symbol), ["ŷ", "y"])
            XCTAssertEqual(try explain(values, "backward.dL_dyhat", setup: setup).formula, derivative)
            let delta = try explain(values, "backward.delta", setup: setup)
            XCTAssertEqual([delta.symbol, delta.formula], ["δ", "ŷ − y"])
        }
        let values = StepValues.with(schema, [("forward.y", [1]), ("forward.y_hat", [0.75]), ("forward.loss", [0.3])])
        XCTAssertEqual(try explain(values, "forward.loss", setup: setup).substituted, "−log(0.75), since y = 1")
    }

    func testTheGradientOfAHiddenActivationSumsOverTheLayerAbove() throws {
        let setup = TrainingSetup(architecture: net221, activation: .relu)
        let schema = TraceSchema(setup: setup)
        let values = StepValues.with(schema, [("forward.W2", [0.3, -0.6]), ("backward.delta2", [0.1]),
                                              ("backward.dL_da1", [0.03, -0.06]), ("backward.dadz1", [1, 0])])
        let dA = try explain(values, "backward.dL_da1", 1, setup: setup)
        XCTAssertEqual([dA.symbol, dA.formula, dA.substituted], ["∂L/∂a₁[1]", "W₂[1]·δ₂", "(−0.6)·(0.1)"])
        let slope = try explain(values, "backward.dadz1", 1, setup: setup)
        XCTAssertEqual([slope.symbol, slope.formula], ["∂a₁[1]/∂z₁[1]", "(z₁[1] > 0 ? 1 : 0)"])
        XCTAssertEqual(slope.inputs.map(\.symbol), ["z₁[1]"])

        let deep = TrainingSetup(architecture: Architecture(hidden: [2, 2]), activation: .tanh)
        let deepValues = StepValues.with(TraceSchema(setup: deep), [("forward.W2", [1, 2, 3, 4]), ("backward.delta2", [0.5, -0.5]),
                                                                   ("backward.dL_da1", [-1, -1])])
        let sum = try explain(deepValues, "backward.dL_da1", 1, setup: deep)
        XCTAssertEqual(sum.formula, "W₂[0][1]·δ₂[0] + W₂[1][1]·δ₂[1]")
        XCTAssertEqual(sum.substituted, "(2.0)·(0.5) + (4.0)·(−0.5)")
        let delta = try explain(deepValues, "backward.delta2", 1, setup: deep)
        XCTAssertEqual([delta.symbol, delta.formula], ["δ₂[1]", "∂L/∂a₂[1] · ∂a₂[1]/∂z₂[1]"])
    }

    func testParametersInForceSayWhichUpdateSetThem() throws {
        let setup = TrainingSetup(architecture: net221)
        let schema = TraceSchema(setup: setup)
        let values = StepValues.with(schema, [("forward.W1", [0.1, 0.2, 0.3, 0.4])])
        let first = try explain(values, "forward.W1", 3, setup: setup, at: StepPosition(step: 0, sample: 0))
        XCTAssertEqual(first.symbol, "W₁[1][1]")
        XCTAssertEqual(first.formula, "in force: drawn by numpy's randn with seed 42")
        XCTAssertEqual(first.inputs.map(\.source), [.initialDraw])
        XCTAssertEqual(first.inputs.first?.value, 0.4)
        let later = try explain(values, "forward.W1", 3, setup: setup, at: StepPosition(step: 5, sample: 1))
        XCTAssertEqual(later.formula, "in force: set by the update at step 4")
        XCTAssertEqual(later.inputs.map(\.source), [.previousUpdate])
        XCTAssertEqual(later.inputs.first?.component.entry.description, "update.W1")
        XCTAssertEqual(later.inputs.first?.symbol, "new W₁[1][1]")
        let unknown = try explain(values, "forward.W1", 3, setup: setup)
        XCTAssertEqual(unknown.formula, "in force: set by the last update (before the first, drawn by numpy's randn with seed 42)")
        XCTAssertEqual(unknown.inputs, [])

        let batches = TrainingSetup(architecture: net221, batch: .of(2), initialParameters: [Double](repeating: 0, count: 9))
        let inBatch = try explain(values, "forward.W1", 0, setup: batches, at: StepPosition(step: 1, sample: 1))
        XCTAssertEqual(inBatch.formula, "in force: given by --init, unchanged within this batch")
        XCTAssertEqual(inBatch.inputs.map(\.source), [.initialDraw])
        let secondBatch = try explain(values, "forward.W1", 0, setup: batches, at: StepPosition(step: 7, sample: 3))
        XCTAssertEqual(secondBatch.formula, "in force: set by the update at step 5, unchanged within this batch")
        XCTAssertEqual(StepPosition(step: 7, sample: 3).lastUpdateStep(.full), 3)
        XCTAssertEqual(StepPosition(step: 3, sample: 3).lastUpdateStep(.full), nil)
    }

    func testTheDataAreGiven() throws {
        let values = StepValues.with(neuronSchema, [("forward.x", [1, 0]), ("forward.y", [1])])
        let x = try explain(values, "forward.x", 1, setup: TrainingSetup(), at: StepPosition(step: 6, sample: 2))
        XCTAssertEqual([x.symbol, x.formula], ["x[1]", "given: sample 2 of the data set"])
        XCTAssertEqual(x.inputs, [])
        XCTAssertEqual(try explain(values, "forward.y", setup: TrainingSetup()).formula, "given: this step's sample of the data set")
    }

    func testBatchMeansUpdatesAndTheEpochListTheirLastTerm() throws {
        let setup = TrainingSetup(learningRate: 0.5, batch: .full)
        let schema = TraceSchema(setup: setup)
        let values = StepValues(schema: schema, row: (0..<schema.rowWidth).map { Double($0) / 8 },
                                groups: StepGroups(endsBatch: true, endsEpoch: true), known: schema.entries.count)
        let second = StepPosition(step: 1, sample: 1)
        let mean = try explain(values, "update.mean_dL_dW", 0, setup: setup, at: second)
        XCTAssertEqual(mean.symbol, "mean ∂L/∂W[0]")
        XCTAssertEqual(mean.formula, "(∂L/∂W[0]⁽¹⁾ + ∂L/∂W[0]⁽²⁾)/2")
        let g = try XCTUnwrap(schema.entry(.dLossDWeights, layer: 1))
        XCTAssertEqual(mean.substituted, "(∂L/∂W[0]⁽¹⁾ + (\(Double(g.offset) / 8)))/2")
        XCTAssertEqual(mean.inputs.map(\.source), [.thisBatch])
        XCTAssertEqual(mean.inputs.map(\.symbol), ["∂L/∂W[0]"])
        XCTAssertEqual(try explain(values, "update.mean_dL_db", 0, setup: setup, at: StepPosition(step: 12, sample: 0)).formula,
                       "∂L/∂b⁽¹⁾/1")
        XCTAssertEqual(try explain(values, "update.mean_dL_db", 0, setup: setup, at: StepPosition(step: 12, sample: 3)).formula,
                       "(∂L/∂b⁽¹⁾ + … + ∂L/∂b⁽⁴⁾)/4")
        XCTAssertEqual(try explain(values, "update.mean_dL_db", 0, setup: setup).formula, "(∂L/∂b⁽¹⁾ + … + ∂L/∂b⁽ᵏ⁾)/k")

        let update = try explain(values, "update.W", 1, setup: setup, at: second)
        XCTAssertEqual(update.symbol, "new W[1]")
        XCTAssertEqual(update.formula, "W[1] − η·mean ∂L/∂W[1]")
        XCTAssertEqual(update.inputs.map(\.symbol), ["W[1]", "mean ∂L/∂W[1]"])
        XCTAssertTrue(update.substituted.contains(" − (0.5)·("), update.substituted)

        let epoch = try explain(values, "epoch.loss", setup: setup, at: StepPosition(step: 3, sample: 3))
        XCTAssertEqual(epoch.symbol, "epoch loss")
        XCTAssertEqual(epoch.formula, "L⁽¹⁾ + … + L⁽⁴⁾, the sum of the epoch's sample losses")
        XCTAssertEqual(epoch.inputs.map(\.symbol), ["L"])
    }

    func testTheGradientCheckNamesItsStep() throws {
        let setup = TrainingSetup(architecture: net221, checkGradients: true)
        let schema = TraceSchema(setup: setup)
        let values = StepValues.with(schema, [("forward.W1", [0.1, 0.3, 0.2, 0.4]), ("backward.dL_dW1", [0, 0.5, 0, 0]),
                                              ("backward.dL_dW1_numeric", [0, 0.25, 0, 0]), ("backward.dL_dW1_rel_error", [0, 0.5, 0, 0])])
        let numeric = try explain(values, "backward.dL_dW1_numeric", 1, setup: setup)
        XCTAssertEqual(numeric.symbol, "numeric ∂L/∂W₁[0][1]")
        XCTAssertEqual(numeric.formula, "(L(W₁[0][1] + h) − L(W₁[0][1] − h))/(2·h), h = 10⁻⁶·max(1, |W₁[0][1]|)")
        XCTAssertEqual(numeric.substituted, "(L((0.3) + (1e−06)) − L((0.3) − (1e−06)))/(2·(1e−06))")
        XCTAssertEqual(numeric.inputs.map(\.symbol), ["W₁[0][1]"])
        let error = try explain(values, "backward.dL_dW1_rel_error", 1, setup: setup)
        XCTAssertEqual(error.formula, "|∂L/∂W₁[0][1] − numeric ∂L/∂W₁[0][1]| / max(|∂L/∂W₁[0][1]|, |numeric ∂L/∂W₁[0][1]|)")
        XCTAssertEqual(error.substituted, "|(0.5) − (0.25)| / max(|0.5|, |0.25|)")
        let zero = try explain(values, "backward.dL_dW1_rel_error", 0, setup: setup)
        XCTAssertEqual(zero.formula, "0, as ∂L/∂W₁[0][0] and numeric ∂L/∂W₁[0][0] are both 0")
        XCTAssertEqual(zero.inputs.count, 2)
    }

    func testNothingIsExplainedBeforeItIsPublished() {
        let values = StepValues.with(neuronSchema, [("forward.z", [0.625])])
        let setup = TrainingSetup()
        func component(_ name: String, _ index: Int = 0) -> TraceComponent {
            TraceComponent(entry: neuronSchema.entries[key(name)], index: index)
        }
        XCTAssertNotNil(ProvenanceBuilder.explain(component("forward.z"), in: values, setup: setup))
        XCTAssertNil(ProvenanceBuilder.explain(component("forward.y_hat"), in: values, setup: setup), "not yet computed")
        XCTAssertNil(ProvenanceBuilder.explain(component("update.W"), in: values, setup: setup))
        XCTAssertNil(ProvenanceBuilder.explain(component("forward.W", 2), in: values, setup: setup), "W has two numbers")
        let other = TraceSchema(architecture: net221)
        XCTAssertNil(ProvenanceBuilder.explain(TraceComponent(entry: other.entries[8]), in: values, setup: setup), "another schema's entry")
    }

    func testFullPrecisionUsesATrueMinus() {
        XCTAssertEqual(Provenance.fullPrecision(-0.25), "−0.25")
        XCTAssertEqual(Provenance.fullPrecision(1), "1.0")
        XCTAssertEqual(Provenance.fullPrecision(1e-6), "1e−06")
        XCTAssertEqual(Provenance.fullPrecision(0.1 + 0.2), "0.30000000000000004")
    }
}
