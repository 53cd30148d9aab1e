import Foundation
import NNCore
import XCTest

@testable import NNLessons

/// Calls a closure for every step a trainer publishes.
final class StepTap: TraceSubscriber {
    let body: (TraceStep) -> Void
    init(_ body: @escaping (TraceStep) -> Void) { self.body = body }
    func receive(_ step: TraceStep) { body(step) }
}

/// What a whole run did, epoch by epoch, without recording its steps.
struct RunOutcome {
    var epochLoss: [Double] = []
    var trainLoss: [Double] = []
    var testLoss: [Double] = []
    var trainAccuracy: [Double] = []
    var testAccuracy: [Double] = []
    /// The first epoch in which every trained sample's ŷ was on its target's side of 0.5.
    var firstAllRight: Int?
    var dataset: Dataset
    var network: MLP

    /// Trains `setup` to its end; `watch` sees every step too.
    init(_ setup: TrainingSetup, watch: ((TraceStep) -> Void)? = nil) {
        let bus = TraceBus()
        var losses: [Double] = [], train: [Double] = [], test: [Double] = [], trainAcc: [Double] = [], testAcc: [Double] = []
        var allRight = true
        var firstAllRight: Int?
        bus.attach(StepTap { step in
            watch?(step)
            let schema = step.schema
            if let yHat = schema.entry(.output, layer: schema.layers), let y = schema.entry(.target),
               !Classification.isRight(yHat: step.scalar(yHat), y: step.scalar(y)) {
                allRight = false
            }
            guard step.endsEpoch else { return }
            if allRight && firstAllRight == nil { firstAllRight = step.epoch }
            allRight = true
            losses.append(step.scalar(schema.entry(.epochLoss)!))
            if let e = schema.entry(.trainLoss) { train.append(step.scalar(e)) }
            if let e = schema.entry(.testLoss) { test.append(step.scalar(e)) }
            if let e = schema.entry(.trainAccuracy) { trainAcc.append(step.scalar(e)) }
            if let e = schema.entry(.testAccuracy) { testAcc.append(step.scalar(e)) }
        })
        let trainer = Trainer(setup: setup, bus: bus)
        trainer.run()
        (epochLoss, trainLoss, testLoss, trainAccuracy, testAccuracy) = (losses, train, test, trainAcc, testAcc)
        self.firstAllRight = firstAllRight
        dataset = trainer.dataset
        network = trainer.network
    }
}

/// A shipped lesson, trained as the checker trains it, read stop by stop.
struct ShippedRun {
    let name: String
    let lesson: Lesson
    let recorder: TraceRecorder
    let positions: [Int?]

    init(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try XCTUnwrap(CourseRulesTests.runs.first { $0.name == name }, "no lesson \(name)", file: file, line: line)
        (self.name, lesson, recorder, positions) = (run.name, run.lesson, run.recorder, run.positions)
    }

    func snapshot(_ id: String) throws -> TraceSnapshot {
        let index = try XCTUnwrap(lesson.stops.firstIndex { $0.id == id }, "\(name): no stop \(id)")
        return recorder.snapshot(at: try XCTUnwrap(positions[index], "\(name): stop \(id) not reached"))
    }

    func event(_ id: String) throws -> TraceEvent {
        let index = try XCTUnwrap(lesson.stops.firstIndex { $0.id == id })
        return recorder.event(at: try XCTUnwrap(positions[index]))
    }

    /// The numbers `{{reference}}` shows at a stop.
    func values(_ reference: String, at id: String) throws -> [Double] {
        let snapshot = try snapshot(id)
        return try XCTUnwrap(try ValueReference.parse(reference).get().values(in: snapshot), "\(name) \(id): {{\(reference)}}")
    }

    func value(_ reference: String, at id: String) throws -> Double {
        let numbers = try values(reference, at: id)
        XCTAssertEqual(numbers.count, 1, "\(reference) is one number")
        return numbers[0]
    }

    /// The lesson's setup with one setting changed, as an experiment would change it.
    func variant(_ key: String, _ value: String) throws -> TrainingSetup {
        try LessonExperiment(key: key, values: [], line: 0).variant(of: lesson.setup, value: value).get()
    }

    /// The answer a stop's question expects, as the walkthrough reveals it.
    func answer(_ id: String) throws -> String {
        let index = try XCTUnwrap(lesson.stops.firstIndex { $0.id == id })
        let question = try XCTUnwrap(lesson.stops[index].question)
        return question.answerText(snapshot: try snapshot(id))
    }
}

func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
