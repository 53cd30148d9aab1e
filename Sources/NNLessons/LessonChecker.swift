import Foundation
import NNCore

/// Validates a lesson completely: the parser's checks, then a training run proving every stop is reached
/// in order and every `{{…}}` has a value where it is shown.
public enum LessonChecker {
    /// The checking run stops after this many sample steps; a stop not reached by then is reported.
    public static let maxCheckedSteps = 100_000

    /// Reads and checks a file; a missing or unreadable file is one diagnostic.
    public static func check(path: String) -> [LessonDiagnostic] {
        switch LessonFile.read(path: path) {
        case .failure(let d): return [d]
        case .success(let data): return check(data: data, path: path)
        }
    }

    public static func check(data: Data, path: String) -> [LessonDiagnostic] {
        let (lesson, diagnostics) = LessonParser.parse(data: data, path: path)
        guard let lesson else { return diagnostics }
        return check(lesson: lesson)
    }

    public static func check(text: String, path: String) -> [LessonDiagnostic] {
        let (lesson, diagnostics) = LessonParser.parse(text: text, path: path)
        guard let lesson else { return diagnostics }
        return check(lesson: lesson)
    }

    /// The checks that need the setup: trace points that exist, values that are computed, stops that are reached.
    public static func check(lesson: Lesson) -> [LessonDiagnostic] {
        var diagnostics: [LessonDiagnostic] = []
        func error(_ line: Int, _ message: String) {
            diagnostics.append(LessonDiagnostic(path: lesson.path, line: line, message: message))
        }
        let setup = lesson.setup
        let samples = Dataset(setup.dataset, notebookX: SIMD2(0, 0)).count
        for stop in lesson.stops {
            if case .point(let p) = stop.trigger {
                if p.epoch >= setup.epochs {
                    error(stop.triggerLine, "epoch \(p.epoch) never happens: the lesson trains \(setup.epochs) epoch\(setup.epochs == 1 ? "" : "s"), numbered from 0")
                }
                if let s = p.sample, s >= samples {
                    error(stop.triggerLine, "sample \(s) never happens: dataset \(setup.dataset.rawValue) has \(samples) sample\(samples == 1 ? "" : "s"), numbered from 0")
                }
                if let problem = networkMismatch(p.name, setup: setup) {
                    error(stop.triggerLine, "\(p.name.rawValue) \(problem)")
                } else if ValueReference.needsGradientCheck(p.name) && !setup.checkGradients {
                    error(stop.triggerLine, "\(p.name.rawValue) is computed only with 'check_gradients: true'")
                }
            }
            if case .signChange(let p) = stop.trigger, let units = setup.hiddenUnits {
                error(stop.triggerLine, "'\(p.rawValue) changes sign' watches the single neuron's weights, and this lesson trains a 2-\(units)-1 network (hidden: \(units)): use 'epoch loss below X', 'all samples classified' or an 'at:' stop")
            }
            for ref in allReferences(stop) {
                guard let name = ref.reference.traceName else { continue }
                if let problem = networkMismatch(name, setup: setup) {
                    error(ref.line, "{{\(ref.source)}}: \(name.rawValue) \(problem)")
                } else if ValueReference.needsGradientCheck(name) && !setup.checkGradients {
                    error(ref.line, "{{\(ref.source)}} is computed only with 'check_gradients: true'")
                } else if let unit = ref.reference.unitIndex, let units = setup.hiddenUnits, unit >= units {
                    error(ref.line, "{{\(ref.source)}} names hidden unit \(unit), but this lesson has \(units) hidden unit\(units == 1 ? "" : "s") (hidden: \(units)), numbered from 0")
                }
            }
        }
        guard diagnostics.isEmpty else { return diagnostics }

        let (recorder, positions, trainedSteps) = run(lesson)
        for (i, stop) in lesson.stops.enumerated() {
            guard let position = positions[i] else {
                error(stop.triggerLine, unreachedMessage(lesson, stopIndex: i, trainedSteps: trainedSteps))
                break  // later stops are searched from this one, so they would only repeat the problem
            }
            let snapshot = recorder.snapshot(at: position)
            for ref in allReferences(stop) where ref.reference.values(in: snapshot) == nil {
                error(ref.line, "{{\(ref.source)}} has no value at stop '\(stop.id)': \(missingReason(ref.reference))")
            }
        }
        return diagnostics
    }

    /// Trains the lesson's setup with a recorder until every stop is found, the run ends, or the cap.
    public static func run(_ lesson: Lesson, maxSteps: Int = maxCheckedSteps) -> (TraceRecorder, [Int?], Int) {
        let bus = TraceBus()
        let recorder = TraceRecorder()
        bus.attach(recorder)
        let trainer = Trainer(setup: lesson.setup, bus: bus)
        var locator = StopLocator(lesson: lesson)
        while !trainer.isFinished && !locator.isComplete && trainer.stepIndex < maxSteps {
            trainer.runStep()
            locator.advance(recorder: recorder)
        }
        return (recorder, locator.positions, trainer.stepIndex)
    }

    static func allReferences(_ stop: LessonStop) -> [LocatedReference] {
        var refs = stop.references
        if let q = stop.question, case .live(let ref, _) = q.answer {
            refs.append(LocatedReference(reference: ref, line: q.answerLine, source: "answer"))
        }
        return refs
    }

    /// Why a name is never published by the lesson's network, or nil when it is.
    static func networkMismatch(_ name: TraceName, setup: TrainingSetup) -> String? {
        switch (ValueReference.scope(of: name), setup.hiddenUnits) {
        case (.neuron, let units?):
            return "belongs to the single neuron, and this lesson trains a 2-\(units)-1 network (hidden: \(units)); "
                + "its values are W1, b1, W2, b2, z1, a1, z2, delta2, delta1, dL_dW2, dL_db2, dL_dW1, dL_db1 (and x, y, y_hat, loss, dL_dyhat)"
        case (.hidden, nil):
            return "belongs to a hidden layer: add 'hidden: N' (1 to \(HiddenLayerNetwork.maximumUnits)) to the setup"
        default:
            return nil
        }
    }

    static func missingReason(_ ref: ValueReference) -> String {
        switch ref {
        case .epochLoss: return "no epoch has been completed yet"
        case .counter: return "the stop is on an epoch record, which belongs to no sample"
        case .trace, .row: return "it is computed later in the step; move the stop to where it is computed or later"
        }
    }

    static func unreachedMessage(_ lesson: Lesson, stopIndex: Int, trainedSteps: Int) -> String {
        let stop = lesson.stops[stopIndex]
        let ran = trainedSteps >= maxCheckedSteps
            ? "within the first \(maxCheckedSteps) steps the checker runs"
            : "in this setup (\(lesson.setup.epochs) epochs of dataset \(lesson.setup.dataset.rawValue))"
        if stopIndex > 0, case .point = stop.trigger {
            // Reached on its own, it must come before the previous stop.
            let alone = Lesson(id: lesson.id, title: lesson.title, path: lesson.path, setup: lesson.setup, intro: "", stops: [stop])
            if run(alone).1[0] != nil {
                return "stop '\(stop.id)' comes before the previous stop '\(lesson.stops[stopIndex - 1].id)' in the trace; stops must be in trace order"
            }
        }
        let what: String
        switch stop.trigger {
        case .point: what = "its trace point"
        case .epochLossBelow(let v): what = "an epoch loss below \(LessonFormat.number(v))"
        case .epochLossAbove(let v): what = "an epoch loss above \(LessonFormat.number(v))"
        case .signChange(let p): what = "\(p.rawValue) changing sign"
        case .allClassified: what = "an epoch with all samples classified"
        }
        let after = stopIndex > 0 ? " after stop '\(lesson.stops[stopIndex - 1].id)'" : ""
        return "stop '\(stop.id)' is never reached: \(what) never happens\(after) \(ran)"
    }
}

/// Reading a lesson file from disk, refusing oversized files before loading them.
public enum LessonFile {
    public static func read(path: String) -> Result<Data, LessonDiagnostic> {
        if let problem = notARegularFile(path) {
            return .failure(LessonDiagnostic(path: path, line: 1, message: problem))
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? NSNumber, size.intValue > LessonParser.maxBytes {
            return .failure(LessonDiagnostic(path: path, line: 1, message: LessonParser.tooLarge(size.intValue)))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(LessonDiagnostic(path: path, line: 1, message: "cannot read the file (missing or not readable)"))
        }
        return .success(data)
    }

    /// Why `path` is not something to read a lesson from, or nil when it is a regular file (links
    /// are followed). A FIFO would block the read forever and a device would never end, so
    /// neither is ever opened.
    public static func notARegularFile(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }  // missing: the read reports it
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a directory, not a lesson file"
        default: return "is not a regular file (a pipe or device), so it is not read"
        }
    }

    /// Reads and parses a user's lesson file.
    public static func load(path: String) -> (Lesson?, [LessonDiagnostic]) {
        switch read(path: path) {
        case .failure(let d): return (nil, [d])
        case .success(let data): return LessonParser.parse(data: data, path: path)
        }
    }
}
