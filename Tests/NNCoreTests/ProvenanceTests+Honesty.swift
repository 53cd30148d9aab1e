import Foundation
import XCTest
@testable import NNCore
import NNTestSupport

/// Every step of a run, kept whole with where it falls: what a front end's recorder would hand the builder.
final class StepCollector: TraceSubscriber {
    var steps: [(position: StepPosition, values: StepValues)] = []

    func receive(_ step: TraceStep) {
        steps.append((StepPosition(step: step.step, sample: step.sample), StepValues(step)))
    }

    /// Runs a setup to its end with a collector attached.
    static func run(_ setup: TrainingSetup) -> (Trainer, StepCollector) {
        let bus = TraceBus()
        let collector = StepCollector()
        bus.attach(collector)
        let trainer = Trainer(setup: setup, bus: bus)
        trainer.run()
        return (trainer, collector)
    }
}

/// Reads a provenance's inputs the way a formula names them, and holds the list to that: the n-th
/// distinct component the test's arithmetic asks for must be the n-th input listed, and every input
/// listed must be asked for.
final class InputReader {
    let provenance: Provenance
    let schema: TraceSchema
    let context: String
    private var asked: [TraceComponent] = []

    init(_ provenance: Provenance, schema: TraceSchema, context: String) {
        self.provenance = provenance
        self.schema = schema
        self.context = context
    }

    func callAsFunction(_ quantity: TraceQuantity, _ layer: Int = 0, _ phase: TracePhase? = nil, _ index: Int = 0) -> Double {
        guard let entry = schema.entry(quantity, layer: layer, phase: phase) else {
            XCTFail("\(context): no entry \(quantity) \(layer)")
            return .nan
        }
        let component = TraceComponent(entry: entry, index: index)
        if !asked.contains(component) {
            let n = asked.count
            XCTAssertTrue(n < provenance.inputs.count && provenance.inputs[n].component == component,
                          "\(context): input \(n) should be \(entry)[\(index)], inputs are \(provenance.inputs.map { "\($0.component.entry)[\($0.component.index)]" })")
            asked.append(component)
        }
        return provenance.inputs.first { $0.component == component }?.value ?? .nan
    }

    func finish() {
        XCTAssertEqual(asked.count, provenance.inputs.count, "\(context): inputs listed but not in the formula")
    }
}

extension ProvenanceTests {
    // MARK: Honesty over real runs

    func testSingleNeuronIsHonest() { checkHonesty(TrainingSetup(data: .builtin(.or), epochs: 2)) }

    func testTheRunsReachEveryQuantityAndEverySource() {
        let setups = [
            TrainingSetup(data: .builtin(.or), epochs: 2, architecture: Architecture(hidden: [2, 2]), activation: .relu,
                          batch: .of(2), checkGradients: true, testPercent: 25),
            TrainingSetup(data: .builtin(.xor), epochs: 2, architecture: Architecture(hidden: [4, 4]), activation: .tanh, loss: .crossEntropy),
            TrainingSetup(data: .builtin(.or), epochs: 2),
        ]
        var quantities = Set<TraceQuantity>(), sources: [Provenance.Input.Source] = []
        for setup in setups {
            let (trainer, collector) = StepCollector.run(setup)
            for (position, values) in collector.steps {
                for entry in trainer.schema.entries where values.has(entry) {
                    quantities.insert(entry.quantity)
                    let p = ProvenanceBuilder.explain(TraceComponent(entry: entry), in: values, setup: setup, at: position)
                    for input in p?.inputs ?? [] where !sources.contains(input.source) { sources.append(input.source) }
                }
            }
        }
        XCTAssertEqual(quantities, Set(TraceQuantity.allCases))
        XCTAssertEqual(Set(sources.map { "\($0)" }), ["thisStep", "thisBatch", "previousUpdate", "initialDraw"])
    }

    func testSigmoid231IsHonest() {
        checkHonesty(TrainingSetup(data: .builtin(.xor), epochs: 2, architecture: Architecture(hidden: [3])))
    }

    func testTanh2441CrossEntropyIsHonest() {
        checkHonesty(TrainingSetup(data: .builtin(.xor), epochs: 2, architecture: Architecture(hidden: [4, 4]),
                                   activation: .tanh, loss: .crossEntropy))
    }

    func testReLU2221BatchOfTwoWithGradientCheckAndTestSetIsHonest() {
        // OR with a quarter held out: three training samples, so batches of two and then one.
        checkHonesty(TrainingSetup(data: .builtin(.or), epochs: 2, architecture: Architecture(hidden: [2, 2]),
                                   activation: .relu, batch: .of(2), checkGradients: true, testPercent: 25))
        checkHonesty(TrainingSetup(data: .builtin(.xor), epochs: 2, architecture: Architecture(hidden: [2, 2]),
                                   activation: .relu, batch: .of(2), checkGradients: true))
    }

    func testNotebookModeIsHonest() {
        checkHonesty(TrainingSetup(data: .builtin(.or), epochs: 2, mode: .notebook))
        checkHonesty(TrainingSetup(data: .builtin(.notebook), epochs: 3, mode: .notebook, checkGradients: true))
        checkHonesty(TrainingSetup(data: .builtin(.xor), epochs: 2, architecture: Architecture(hidden: [2]),
                                   activation: .tanh, mode: .notebook))
        checkHonesty(TrainingSetup(data: .builtin(.xor), epochs: 2, architecture: Architecture(hidden: [3]),
                                   activation: .relu, extraBugs: [.derivAtYHat]))
    }

    func testEveryOtherActivationLossAndBatchIsHonest() {
        checkHonesty(TrainingSetup(data: .builtin(.and), epochs: 2, architecture: Architecture(hidden: [2]),
                                   activation: .leakyReLU, loss: .crossEntropy, batch: .full, initialParameters: [
                                       0.3, -0.7, -0.2, 0.9, 0.1, -0.4, 1.1, -0.6, 0.05,
                                   ]))
        checkHonesty(TrainingSetup(data: .builtin(.nand), epochs: 2, architecture: Architecture(hidden: [2, 1]),
                                   activation: .linear, batch: .of(3), mode: .notebook, checkGradients: true))
        checkHonesty(TrainingSetup(data: .builtin(.xor), epochs: 2, loss: .crossEntropy, checkGradients: true))
    }

    /// For every component of every entry of every step: the provenance's value is the traced one,
    /// its inputs are the right components with their published values, and the formula's arithmetic
    /// on those values, in the formula's order, gives the traced number bit for bit.
    func checkHonesty(_ setup: TrainingSetup, file: StaticString = #filePath, line: UInt = #line) {
        let (trainer, collector) = StepCollector.run(setup)
        let schema = trainer.schema
        XCTAssertEqual(collector.steps.count, trainer.totalSteps, file: file, line: line)
        var explained = 0
        for (position, values) in collector.steps {
            for entry in schema.entries where values.has(entry) {
                for index in 0..<entry.count {
                    let component = TraceComponent(entry: entry, index: index)
                    let context = "\(setup.networkWords) step \(position.step) \(entry)[\(index)]"
                    guard let p = ProvenanceBuilder.explain(component, in: values, setup: setup, at: position) else {
                        XCTFail("\(context): no provenance", file: file, line: line)
                        continue
                    }
                    explained += 1
                    let traced = values.row[entry.offset + index]
                    XCTAssertEqual(p.value.bitPattern, traced.bitPattern, context, file: file, line: line)
                    XCTAssertEqual(p.symbol, ProvenanceBuilder.symbol(of: component, in: schema), context, file: file, line: line)
                    checkSources(p, of: component, at: position, trainer: trainer, steps: collector.steps, context: context)
                    let read = InputReader(p, schema: schema, context: context + " " + p.formula)
                    if let recomputed = recompute(component, read, setup: setup, trainer: trainer, values: values,
                                                  position: position, steps: collector.steps) {
                        XCTAssertEqual(recomputed.bitPattern, traced.bitPattern,
                                       "\(context): \(p.formula) = \(p.substituted) gives \(recomputed), traced \(traced)",
                                       file: file, line: line)
                    }
                    read.finish()
                }
            }
        }
        XCTAssertGreaterThan(explained, 0, file: file, line: line)
    }

    /// Same-step inputs carry the published number and were published earlier; a parameter's link
    /// points at the update that set it, or at the draw.
    func checkSources(_ p: Provenance, of component: TraceComponent, at position: StepPosition, trainer: Trainer,
                      steps: [(position: StepPosition, values: StepValues)], context: String) {
        let schema = trainer.schema
        let values = steps[position.step].values
        for input in p.inputs {
            let c = input.component
            XCTAssertEqual(input.symbol, ProvenanceBuilder.symbol(of: c, in: schema), context)
            switch input.source {
            case .thisStep, .thisBatch:
                XCTAssertEqual(input.source == .thisBatch, [.meanDWeights, .meanDBias].contains(component.entry.quantity), context)
                XCTAssertTrue(values.has(c.entry), context)
                let before = schema.publicationIndex(of: c.entry.id, values.groups) ?? .max
                let this = schema.publicationIndex(of: component.entry.id, values.groups) ?? -1
                XCTAssertLessThan(before, this, "\(context): an input is published before the value")
                XCTAssertEqual(input.value.bitPattern, values.row[c.entry.offset + c.index].bitPattern, context)
            case .previousUpdate:
                XCTAssertEqual(c.entry.phase, .update, context)
                XCTAssertEqual(c.entry.quantity, component.entry.quantity, context)
                XCTAssertEqual(c.entry.layer, component.entry.layer, context)
                XCTAssertEqual(c.index, component.index, context)
                guard let last = position.lastUpdateStep(trainer.setup.batch) else {
                    XCTFail("\(context): no earlier update")
                    continue
                }
                let earlier = steps[last].values
                XCTAssertTrue(earlier.has(c.entry), "\(context): step \(last) publishes the update")
                XCTAssertEqual(earlier.row[c.entry.offset + c.index].bitPattern, input.value.bitPattern, context)
            case .initialDraw:
                XCTAssertNil(position.lastUpdateStep(trainer.setup.batch), context)
                XCTAssertEqual(c.entry, component.entry, context)
                XCTAssertEqual(c.index, component.index, context)
                let start = trainer.initialNetwork.parameters[parameterIndex(c.entry.quantity == .weights, c.entry.layer, c.index, trainer)]
                XCTAssertEqual(input.value.bitPattern, start.bitPattern, context)
            }
        }
    }

    /// Where a W or b component sits in the parameter list (draw order).
    func parameterIndex(_ weights: Bool, _ layer: Int, _ index: Int, _ trainer: Trainer) -> Int {
        let dense = trainer.initialNetwork.layer(layer)
        return (weights ? dense.weightOffset : dense.biasOffset) + index
    }

    /// The traced number again, from the inputs the provenance lists, by the arithmetic its formula
    /// states (written here from the README's formulas, with Foundation's exp, tanh and log). Sums
    /// over earlier steps (a batch mean, the epoch's loss) and the gradient check are recomputed from
    /// the run's other steps; nil where nothing is recomputed.
    func recompute(_ c: TraceComponent, _ v: InputReader, setup: TrainingSetup, trainer: Trainer, values: StepValues,
                   position: StepPosition, steps: [(position: StepPosition, values: StepValues)]) -> Double? {
        let schema = trainer.schema, architecture = schema.architecture
        let l = c.entry.layer, k = c.index, L = schema.layers
        let single = architecture.isSingleNeuron
        let bugs = BugSwitches(setup.bugs)
        func below(_ j: Int) -> Double { l == 1 ? v(.input, 0, nil, j) : v(.activation, l - 1, nil, j) }
        func sigma(_ t: Double) -> Double { 1.0 / (1.0 + Foundation.exp(-t)) }
        func stepValue(_ step: Int, _ q: TraceQuantity, _ layer: Int, _ index: Int) -> Double {
            guard let entry = schema.entry(q, layer: layer) else { return .nan }
            return steps[step].values.row[entry.offset + index]
        }
        switch c.entry.quantity {
        case .input:
            return trainer.dataset.samples[position.sample].x[k]
        case .target:
            return trainer.dataset.samples[position.sample].y
        case .weights where c.entry.phase == .forward, .bias where c.entry.phase == .forward:
            let linked = v.provenance.inputs.first?.component ?? c
            return v(linked.entry.quantity, linked.entry.layer, linked.entry.phase, linked.index)
        case .weights, .bias:
            let g: TraceQuantity = schema.averagesBatches
                ? (c.entry.quantity == .weights ? .meanDWeights : .meanDBias)
                : (c.entry.quantity == .weights ? .dLossDWeights : .dLossDBias)
            let theta = v(c.entry.quantity, l, .forward, k)
            return theta - setup.learningRate * v(g, l, nil, k)
        case .preActivation:
            let n = architecture.inputs(ofLayer: l)
            var z = v(.weights, l, .forward, k * n) * below(0)
            for j in 1..<n { z += v(.weights, l, .forward, k * n + j) * below(j) }
            return z + v(.bias, l, .forward, k)
        case .activation:
            let z = v(.preActivation, l, nil, k)
            switch setup.activation {
            case .sigmoid: return sigma(z)
            case .tanh: return Foundation.tanh(z)
            case .relu: return z > 0 ? z : 0
            case .leakyReLU: return z > 0 ? z : 0.01 * z
            case .linear: return z
            }
        case .output:
            return sigma(v(.preActivation, L))
        case .loss:
            if setup.loss == .squared {
                let y = v(.target), yHat = v(.output, L)
                return (y - yHat) * (y - yHat)
            }
            let yHat = v(.output, L), y = v(.target)
            return y == 1 ? -Foundation.log(yHat) : -Foundation.log(1 - yHat)
        case .dLossDOutput:
            if setup.loss == .squared {
                let y = v(.target), yHat = v(.output, L)
                return bugs.dropsMinusSign ? 2 * (y - yHat) : -2 * (y - yHat)
            }
            let yHat = v(.output, L), y = v(.target)
            return y == 1 ? -1 / yHat : 1 / (1 - yHat)
        case .slope:
            let f = l == L ? Activation.sigmoid : setup.activation
            let a: TraceQuantity = l == L ? .output : .activation
            if bugs.derivativeAtOutput {
                switch f {
                case .sigmoid:
                    let s = sigma(v(a, l, nil, k))
                    return s * (1 - s)
                case .tanh:
                    let t = Foundation.tanh(v(a, l, nil, k))
                    return 1 - t * t
                case .relu: return v(a, l, nil, k) > 0 ? 1 : 0
                case .leakyReLU: return v(a, l, nil, k) > 0 ? 1 : 0.01
                case .linear: return 1
                }
            }
            switch f {
            case .sigmoid:
                let out = v(a, l, nil, k)
                return out * (1 - out)
            case .tanh:
                let out = v(a, l, nil, k)
                return 1 - out * out
            case .relu: return v(.preActivation, l, nil, k) > 0 ? 1 : 0
            case .leakyReLU: return v(.preActivation, l, nil, k) > 0 ? 1 : 0.01
            case .linear: return 1
            }
        case .delta:
            if l == L && setup.loss == .crossEntropy { return v(.output, L) - v(.target) }
            if l == L { return v(.dLossDOutput) * v(.slope, L) }
            return v(.dLossDActivation, l, nil, k) * v(.slope, l, nil, k)
        case .dLossDActivation:
            let units = architecture.units(ofLayer: l + 1), n = architecture.inputs(ofLayer: l + 1)
            var sum = v(.weights, l + 1, .forward, k) * v(.delta, l + 1, nil, 0)
            for i in 1..<max(1, units) { sum += v(.weights, l + 1, .forward, i * n + k) * v(.delta, l + 1, nil, i) }
            return sum
        case .dPreActivationDWeights:
            return v(.input, 0, nil, k)
        case .dLossDWeights:
            let n = architecture.inputs(ofLayer: l)
            if single && setup.loss == .squared { return v(.dLossDOutput) * v(.slope, 1) * v(.input, 0, nil, k) }
            return v(.delta, l, nil, k / n) * below(k % n)
        case .dLossDBias:
            if single && setup.loss == .squared { return v(.dLossDOutput) * v(.slope, 1) }
            return v(.delta, l, nil, k)
        case .numericDWeights, .numericDBias:
            // Inputs: the parameter; the loss is recomputed here from every parameter in force.
            let weights = c.entry.quantity == .numericDWeights
            let theta = v(weights ? .weights : .bias, l, .forward, k)
            var parameters: [Double] = []
            for layer in 1...L {
                parameters += values.values(.weights, layer: layer, phase: .forward) ?? []
                parameters += values.values(.bias, layer: layer, phase: .forward) ?? []
            }
            let at = parameterIndex(weights, l, k, trainer)
            XCTAssertEqual(parameters[at].bitPattern, theta.bitPattern)
            let h = 1e-6 * max(1, abs(theta))
            let sample = Sample(x: values.x ?? SIMD2(.nan, .nan), y: values.scalar(.target) ?? .nan)
            var plus = parameters, minus = parameters
            plus[at] = theta + h
            minus[at] = theta - h
            let network = { (p: [Double]) in MLP(architecture: architecture, activation: setup.activation, parameters: p) }
            return (network(plus).loss(on: sample, setup.loss) - network(minus).loss(on: sample, setup.loss)) / (2 * h)
        case .relativeErrorDWeights, .relativeErrorDBias:
            let weights = c.entry.quantity == .relativeErrorDWeights
            let a = v(weights ? .dLossDWeights : .dLossDBias, l, nil, k)
            let n = v(weights ? .numericDWeights : .numericDBias, l, nil, k)
            return a == 0 && n == 0 ? 0 : abs(a - n) / max(abs(a), abs(n))
        case .meanDWeights, .meanDBias:
            // Inputs: this step's own gradient, the last term; the others come from the batch's earlier steps.
            let g: TraceQuantity = c.entry.quantity == .meanDWeights ? .dLossDWeights : .dLossDBias
            let own = v(g, l, nil, k)
            let place = position.placeInBatch(setup.batch)
            XCTAssertEqual(own.bitPattern, stepValue(position.step, g, l, k).bitPattern)
            var sum = stepValue(position.step - place, g, l, k)
            for step in (position.step - place + 1)..<(position.step + 1) { sum += stepValue(step, g, l, k) }
            return sum / Double(place + 1)
        case .epochLoss:
            let own = v(.loss)
            XCTAssertEqual(own.bitPattern, stepValue(position.step, .loss, 0, 0).bitPattern)
            var sum = 0.0
            for step in (position.step - position.sample)...position.step { sum += stepValue(step, .loss, 0, 0) }
            return sum
        case .trainLoss, .testLoss, .trainAccuracy, .testAccuracy:
            // No inputs: separate passes with the epoch's final parameters, which are this step's update records.
            var parameters: [Double] = []
            for layer in 1...L {
                parameters += values.values(.weights, layer: layer, phase: .update) ?? []
                parameters += values.values(.bias, layer: layer, phase: .update) ?? []
            }
            let network = MLP(architecture: architecture, activation: setup.activation, parameters: parameters)
            let training = c.entry.quantity == .trainLoss || c.entry.quantity == .trainAccuracy
            let part = training ? trainer.dataset.training : trainer.dataset.test
            if c.entry.quantity == .trainLoss || c.entry.quantity == .testLoss {
                var sum = 0.0
                for (n, sample) in part.enumerated() { sum = n == 0 ? network.loss(on: sample, setup.loss) : sum + network.loss(on: sample, setup.loss) }
                return sum / Double(part.count)
            }
            return Double(part.filter { Classification.isRight(yHat: network.predict($0.x), y: $0.y) }.count) / Double(part.count)
        }
    }
}
