import Foundation
import NNCore

/// Validates a lesson completely: the parser's checks, then a training run proving every stop is reached
/// in order and every `{{…}}` has a value where it is shown.
public enum LessonChecker {
    /// The checking run stops after this many sample steps; a stop not reached by then is reported,
    /// and a stop whose epoch lies beyond it is reported as such.
    public static let maxCheckedSteps = 2_000_000

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
        let bus = TraceBus()
        let samples = Trainer(setup: setup, bus: bus).dataset.trainingCount
        for stop in lesson.stops {
            if case .point(let p) = stop.trigger {
                if p.epoch >= setup.epochs {
                    error(stop.triggerLine, "epoch \(p.epoch) never happens: the lesson trains \(setup.epochs) epoch\(setup.epochs == 1 ? "" : "s"), numbered from 0")
                } else if p.epoch.multipliedReportingOverflow(by: samples).partialValue >= maxCheckedSteps {
                    error(stop.triggerLine, "epoch \(p.epoch) is beyond what 'lesson check' trains (\(maxCheckedSteps) sample steps, epoch \(maxCheckedSteps / max(1, samples) - 1) here), so it cannot be checked; put the stop earlier")
                }
                if let s = p.sample, s >= samples {
                    error(stop.triggerLine, "sample \(s) never happens: the data set has \(samples) training sample\(samples == 1 ? "" : "s"), numbered from 0")
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
            trainer.run(steps: min(64, maxSteps - trainer.stepIndex))
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

    static func missingReason(_ ref: ValueReference) -> String {
        switch ref {
        case .epoch: return "no epoch has been completed yet"
        case .counter: return "the stop is on an epoch record, which belongs to no sample"
        case .trace: return "it is computed later in the step; move the stop to where it is computed or later"
        }
    }

    static func unreachedMessage(_ lesson: Lesson, stopIndex: Int, trainedSteps: Int) -> String {
        let stop = lesson.stops[stopIndex]
        let ran = trainedSteps >= maxCheckedSteps
            ? "within the first \(maxCheckedSteps) steps the checker runs"
            : "in this setup (\(lesson.setup.epochs) epochs of data set \(lesson.setup.data.name))"
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
        case .epochRecord(let entry, let below, let v):
            let name = entry.quantity == .epochLoss ? "an epoch loss" : "a " + entry.name.replacing("_", with: " ")
            what = "\(name) \(below ? "below" : "above") \(LessonFormat.number(v))"
        case .signChange(_, let text): what = "\(text) changing sign"
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
