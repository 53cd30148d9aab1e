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
        checkFile(data: data, path: path).diagnostics
    }

    public static func check(text: String, path: String) -> [LessonDiagnostic] {
        checked(LessonParser.parse(text: text, path: path), source: text).diagnostics
    }

    /// A file's text checked in full, as `lesson check` checks it: the parser's diagnostics (its
    /// warnings too), the training run's, and the typed numbers, which only the source shows. The
    /// lesson is nil when it does not parse.
    public static func checkFile(data: Data, path: String) -> (lesson: Lesson?, diagnostics: [LessonDiagnostic]) {
        checked(LessonParser.parse(data: data, path: path), source: String(decoding: data, as: UTF8.self))
    }

    private static func checked(_ parsed: (Lesson?, [LessonDiagnostic]), source: String) -> (lesson: Lesson?, diagnostics: [LessonDiagnostic]) {
        let (lesson, diagnostics) = parsed
        guard let lesson else { return (nil, diagnostics) }
        return (lesson, diagnostics + check(lesson: lesson) + TypedNumbers.warnings(text: source, lesson: lesson))
    }

    /// The checks that need the setup: trace points that exist, values that are computed, stops that
    /// are reached, questions asked before their answer shows. A stop the checker cannot reach within
    /// `maxCheckedSteps` is a warning, not an error: the lesson may well be right.
    public static func check(lesson: Lesson) -> [LessonDiagnostic] {
        var diagnostics: [LessonDiagnostic] = []
        func error(_ line: Int, _ message: String) {
            diagnostics.append(LessonDiagnostic(path: lesson.path, line: line, message: message))
        }
        func warning(_ line: Int, _ message: String) {
            diagnostics.append(LessonDiagnostic(path: lesson.path, line: line, message: message, isWarning: true))
        }
        let setup = lesson.setup
        let bus = TraceBus()
        let samples = Trainer(setup: setup, bus: bus).dataset.trainingCount
        let lastCheckedEpoch = maxCheckedSteps / max(1, samples) - 1
        // Stops from this one on lie beyond the checked run (stops are found in order).
        var checkedStops = lesson.stops.count
        for (i, stop) in lesson.stops.enumerated() {
            if case .point(let p) = stop.trigger {
                if p.epoch >= setup.epochs {
                    error(stop.triggerLine, "epoch \(p.epoch) never happens: the lesson trains \(setup.epochs) epoch\(setup.epochs == 1 ? "" : "s"), numbered from 0")
                } else if p.epoch > lastCheckedEpoch, checkedStops == lesson.stops.count {
                    warning(stop.triggerLine, "epoch \(p.epoch) is beyond what 'lesson check' trains (\(maxCheckedSteps) sample steps, up to epoch \(lastCheckedEpoch) here), so stop '\(stop.id)'\(i + 1 < lesson.stops.count ? " and the stops after it are" : " is") not checked")
                    checkedStops = i
                }
                if let s = p.sample, s >= samples {
                    error(stop.triggerLine, "sample \(s) never happens: the data set has \(samples) training sample\(samples == 1 ? "" : "s"), numbered from 0")
                }
            }
        }
        guard !diagnostics.contains(where: { !$0.isWarning }) else { return diagnostics }

        // Only the stops it can check: the run ends once they are found, not at the cap.
        var checked = lesson
        checked.stops = Array(lesson.stops.prefix(checkedStops))
        let (recorder, positions, trainedSteps) = run(checked)
        let capped = trainedSteps >= maxCheckedSteps
        for (i, stop) in lesson.stops.enumerated().prefix(checkedStops) {
            guard let position = positions[i] else {
                if capped {
                    // The run was cut short, not over: the stop may still come later.
                    warning(stop.triggerLine, "stop '\(stop.id)' is not reached within the \(maxCheckedSteps) sample steps 'lesson check' trains (up to epoch \(lastCheckedEpoch) here) of the lesson's \(setup.epochs) epochs, so it\(i + 1 < checkedStops ? " and the stops after it are" : " is") not checked")
                } else {
                    error(stop.triggerLine, unreachedMessage(lesson, stopIndex: i, trainedSteps: trainedSteps))
                }
                break  // later stops are searched from this one, so they would only repeat the problem
            }
            let snapshot = recorder.snapshot(at: position)
            for ref in allReferences(stop) where ref.reference.values(in: snapshot) == nil {
                error(ref.line, "{{\(ref.source)}} has no value at stop '\(stop.id)': \(missingReason(ref.reference, stop: stop, at: snapshot))")
            }
            if let question = stop.question {
                // Asked one event before the stop, as the walkthrough asks it.
                let asked = recorder.snapshot(at: max(0, position - 1))
                if AnswerVisibility.isVisible(stop, asked: asked, stopEvent: snapshot),
                   let revealing = AnswerVisibility.revealingEntry(of: stop, schema: snapshot.schema) {
                    warning(question.answerLine, visibleAnswerMessage(stop, revealing: revealing, at: snapshot))
                }
            }
        }
        return diagnostics
    }

    /// Says which value gives the answer away and how to ask before it shows.
    static func visibleAnswerMessage(_ stop: LessonStop, revealing: TraceEntry, at snapshot: TraceSnapshot) -> String {
        // A name published in two phases (W before and after the update) is said with its phase.
        func named(_ entry: TraceEntry) -> String {
            snapshot.schema.entries(named: entry.name).count > 1 ? "\(entry.phase.rawValue).\(entry.name)" : entry.name
        }
        let revealed = named(revealing)
        return "the question at stop '\(stop.id)' gives its answer away: \(revealed) is on screen when it is asked, just before \(named(snapshot.event.entry)); put the stop on \(revealed) or ask about a value computed later"
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

    static func missingReason(_ ref: ValueReference, stop: LessonStop, at snapshot: TraceSnapshot) -> String {
        switch ref {
        case .epoch(let name):
            let event = snapshot.event
            guard event.phase == .epoch else { return "no epoch has been completed yet" }
            // On one of an epoch's own records: the records after it are that epoch's, not out yet.
            let schema = snapshot.schema
            let records = schema.entries[schema.epochEntries].map(\.name)
            let published = records.prefix { $0 != event.name } + [event.name]
            let sitsOn = stop.trigger.isCondition ? " (a 'when:' stop sits on the record its condition reads)" : ""
            let fix = stop.trigger.isCondition
                ? "show a record published by then (\(published.map { "epoch." + $0 }.joined(separator: ", "))), or move the text to a stop 'at: epoch E, value \(name)'"
                : "bind the stop to it ('at: epoch \(event.epoch), value \(name)') or show a record published by then (\(published.map { "epoch." + $0 }.joined(separator: ", ")))"
            return "the stop is on epoch \(event.epoch)'s \(event.name) record\(sitsOn), and that epoch's \(name) record is published after it (an epoch's records come in the order \(records.joined(separator: ", "))); \(fix)"
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

/// Numbers typed by hand into what a learner reads at a stop (narrative, question, feedback, hint),
/// where a `{{…}}` value belongs: a typed number is not checked against the run and goes stale when
/// the setup changes. `lesson check` warns about each one.
///
/// A number counts when it has a decimal point (`0.2452`) or three or more significant digits
/// (`612`, but not `100` or `1000`). Not counted: `{{…}}` values, `code spans` (commands and
/// settings such as `--lr 0.001`), digits after a letter (`x1`, `W2`), and `allowed`.
public enum TypedNumbers {
    /// Constants of the sigmoid that the course states as facts, not results of a run:
    /// σ(0) = 0.5, the classification threshold, and σ′(0) = 0.25, the largest slope.
    public static let allowed: Set<String> = ["0.5", "0.25"]

    /// The counted numbers in one line of lesson text, in order.
    public static func find(in line: String) -> [String] {
        var found: [String] = []
        let chars = Array(plainText(line))
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else { i += 1; continue }
            let previous = i > 0 ? chars[i - 1] : " "
            var j = i
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            if j + 1 < chars.count, chars[j] == ".", chars[j + 1].isASCII, chars[j + 1].isNumber {
                j += 1
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            }
            let token = String(chars[i..<j])
            i = j
            if previous.isLetter || previous == "_" || previous == "." { continue }
            if token.contains(".") {
                if !allowed.contains(token) { found.append(token) }
            } else if significantDigits(token) >= 3 {
                found.append(token)
            }
        }
        return found
    }

    /// `1000` has one significant digit, `612` three.
    static func significantDigits(_ digits: String) -> Int {
        digits.drop { $0 == "0" }.reversed().drop { $0 == "0" }.count
    }

    /// The line without its `{{…}}` values and `code spans`.
    static func plainText(_ line: String) -> String {
        var out = ""
        var rest = Substring(line)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else { rest = ""; break }
            out += " "
            rest = rest[close.upperBound...]
        }
        out += rest
        // Even pieces between backticks are text, odd ones code.
        return out.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset % 2 == 0 ? String($0.element) : " " }.joined(separator: " ")
    }

    /// A warning for each counted number in the lesson's stops: their text, and their questions'
    /// `ask`, `feedback` and `hint`. The lines are found again in `text`, the lesson's source.
    public static func warnings(text: String, lesson: Lesson) -> [LessonDiagnostic] {
        let lines = LessonParser.splitLines(text)
        // Every `## ` heading outside fenced code: where each stop's section ends.
        var headings: [Int] = []
        var fence = false
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence.toggle() }
            if !fence && (line.hasPrefix("## ") || line == "##") { headings.append(index + 1) }
        }
        var diagnostics: [LessonDiagnostic] = []
        for stop in lesson.stops {
            let end = headings.first { $0 > stop.line }.map { $0 - 1 } ?? lines.count
            var inKeys = true, inQuestion = false, inFence = false
            for n in (stop.line + 1)...max(stop.line + 1, end) where n <= lines.count {
                let line = lines[n - 1]
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if inKeys {
                    if trimmed.isEmpty { inKeys = false }
                    continue
                }
                var scanned = line
                if inQuestion {
                    guard let (key, value) = LessonParser.keyValue(line), ["ask", "feedback", "hint"].contains(key) else { continue }
                    scanned = value
                } else {
                    if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle(); continue }
                    if inFence { continue }
                    if trimmed.lowercased() == "### question" { inQuestion = true; continue }
                }
                for number in find(in: scanned) {
                    diagnostics.append(LessonDiagnostic(
                        path: lesson.path, line: n,
                        message: "typed number \(number) in stop '\(stop.id)': show a value of the run as {{…}} so it always matches what the learner sees",
                        isWarning: true))
                }
            }
        }
        return diagnostics
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

    /// Why `path` is not a folder to read lessons from ("does not exist", "is not a folder"), or nil.
    public static func notAFolder(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return "does not exist" }
        return info.st_mode & S_IFMT == S_IFDIR ? nil : "is not a folder"
    }

    /// Reads and parses a user's lesson file.
    public static func load(path: String) -> (Lesson?, [LessonDiagnostic]) {
        switch read(path: path) {
        case .failure(let d): return (nil, [d])
        case .success(let data): return LessonParser.parse(data: data, path: path)
        }
    }
}
