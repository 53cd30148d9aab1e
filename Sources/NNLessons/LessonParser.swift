import Foundation
import NNCore

/// Reads a lesson file (Markdown with a front-matter block; see lessons/README.md) into a `Lesson`.
///
/// Lesson files are data: nothing in one is executed or opened. Parsing never traps, whatever the input.
public enum LessonParser {
    /// Larger files are refused outright rather than parsed.
    public static let maxBytes = 1_000_000
    /// Diagnostics after this many are summarised in one line.
    public static let maxDiagnostics = 50

    /// Parses raw bytes, reporting invalid UTF-8 at its line.
    public static func parse(data: Data, path: String) -> (Lesson?, [LessonDiagnostic]) {
        if data.count > maxBytes {
            return (nil, [LessonDiagnostic(path: path, line: 1, message: tooLarge(data.count))])
        }
        let bytes = [UInt8](data)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return (nil, [invalidUTF8(bytes, path: path)])
        }
        return parse(text: text, path: path)
    }

    /// Parses a lesson's text. Returns the lesson only when there are no errors.
    public static func parse(text: String, path: String) -> (Lesson?, [LessonDiagnostic]) {
        let size = text.utf8.count
        if size > maxBytes {
            return (nil, [LessonDiagnostic(path: path, line: 1, message: tooLarge(size))])
        }
        var parser = Parser(path: path, lines: splitLines(text))
        let lesson = parser.run()
        let failed = parser.diagnostics.contains { !$0.isWarning }
        return (failed ? nil : lesson, capped(parser.diagnostics, path: path))
    }

    static func tooLarge(_ size: Int) -> String {
        "file is \(size) bytes; a lesson file may be at most \(maxBytes) bytes"
    }

    static func capped(_ diagnostics: [LessonDiagnostic], path: String) -> [LessonDiagnostic] {
        guard diagnostics.count > maxDiagnostics else { return diagnostics }
        var kept = Array(diagnostics.prefix(maxDiagnostics))
        let last = kept.last?.line ?? 1
        kept.append(LessonDiagnostic(path: path, line: last, message: "\(diagnostics.count - maxDiagnostics) more errors not shown"))
        return kept
    }

    static func invalidUTF8(_ bytes: [UInt8], path: String) -> LessonDiagnostic {
        // Find the first byte where decoding fails, and count the newlines before it.
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += String(scalar).utf8.count
                if scalar == "\n" { line += 1 }
            case .emptyInput: break loop
            case .error: break loop
            }
        }
        return LessonDiagnostic(path: path, line: line, message: "not valid UTF-8 (first bad byte at offset \(offset)); save the file as UTF-8")
    }

    /// Splits on "\n" (dropping a "\r" before it) without grapheme work, so large files stay fast.
    static func splitLines(_ text: String) -> [String] {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.utf8.split(separator: 10, omittingEmptySubsequences: false).map { slice in
            var line = String(Substring(slice))
            if line.hasSuffix("\r") { line.removeLast() }
            return line
        }
    }

    /// `key: value`, with the key trimmed; nil when there is no colon or no key.
    static func keyValue(_ line: String) -> (key: String, value: String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let key = line[..<colon].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return (key, value)
    }

    /// A finite decimal number; "−" is accepted for minus. Refuses nan, inf and hex.
    static func number(_ text: String) -> Double? { SettingValues.number(text) }

    /// A whole number within `range`, refusing anything Int cannot hold.
    static func integer(_ text: String, in range: ClosedRange<Int>) -> Int? { SettingValues.integer(text, in: range) }
}

/// The line-by-line state machine behind `LessonParser`.
private struct Parser {
    let path: String
    let lines: [String]
    var diagnostics: [LessonDiagnostic] = []

    init(path: String, lines: [String]) {
        self.path = path
        self.lines = lines
    }

    /// The setup's trace schema, once the setup block is read: every name the body may use.
    var schema: TraceSchema?
    /// The setup itself, for checking experiments' variants.
    var setupForChecks = TrainingSetup()

    mutating func error(_ line: Int, _ message: String) {
        diagnostics.append(LessonDiagnostic(path: path, line: line, message: message))
    }

    mutating func warning(_ line: Int, _ message: String) {
        diagnostics.append(LessonDiagnostic(path: path, line: line, message: message, isWarning: true))
    }

    static let setupKeys = ["id", "title", "part"] + Settings.keys

    mutating func run() -> Lesson? {
        if lines.count == 1 && lines[0].trimmingCharacters(in: .whitespaces).isEmpty {
            error(1, "empty file: a lesson starts with a front-matter block opened by a line '---'")
            return nil
        }
        guard lines[0].trimmingCharacters(in: .whitespaces) == "---" else {
            error(1, "a lesson starts with a front-matter block: the first line must be '---'")
            return nil
        }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "---" }) else {
            error(1, "the front-matter block is not closed: add a line '---' after the setup keys")
            return nil
        }
        let header = parseFrontMatter(1..<close)
        let stops = parseBody(close + 1)
        if stops.isEmpty && diagnostics.isEmpty {
            error(close + 1, "the lesson has no stops: add a section starting with '## '")
        }
        guard let header else { return nil }
        var lesson = Lesson(id: header.id, title: header.title, path: path, setup: header.setup, intro: Self.trimBlankLines(intro),
                            stops: stops, keyPoints: keyPoints, part: header.part)
        lesson.idLine = header.idLine
        return lesson
    }

    // MARK: Front matter

    struct Header {
        var id: String
        var title: String
        var setup: TrainingSetup
        var part: String
        var idLine: Int
    }

    var intro: [String] = []
    var keyPoints = ""

    mutating func parseFrontMatter(_ range: Range<Int>) -> Header? {
        var seen: [String: Int] = [:]
        var id: String?, title: String?, part = ""
        var draft = SetupDraft()
        var setupFailed = false
        for index in range {
            let n = index + 1
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            // Blank lines, and comments as in YAML: a line starting with '#'.
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let (key, value) = LessonParser.keyValue(line) else {
                error(n, "expected 'key: value' in the setup block; keys are \(Self.setupKeys.joined(separator: ", "))")
                continue
            }
            if let first = seen[key] {
                error(n, "duplicate key '\(key)' (first on line \(first))")
                continue
            }
            seen[key] = n
            switch key {
            case "id":
                if Self.isValidID(value) { id = value } else {
                    error(n, "bad id '\(value)': use lowercase letters, digits and hyphens, starting with a letter or digit")
                }
            case "title":
                // YAML habit: a title written in matching quotes means the text inside them.
                var text = value
                if text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" {
                    text = String(text.dropFirst().dropLast())
                }
                if text.isEmpty { error(n, "title is empty") } else { title = text }
            case "part":
                // The menu's heading for this lesson and those after it with the same part.
                part = value
            default:
                guard let setting = Settings.named(key), setting.key == key else {
                    error(n, "unknown key '\(key)': keys are \(Self.setupKeys.joined(separator: ", "))")
                    continue
                }
                let before = draft.duplicates.count
                if let problem = setting.apply(value, to: &draft, named: key) {
                    error(n, problem)
                    setupFailed = true
                }
                for repeated in draft.duplicates.dropFirst(before) {
                    warning(n, "'\(repeated)' is listed twice in \(key)")
                }
            }
        }
        if seen["id"] == nil { error(1, "the setup has no 'id:'") }
        if seen["title"] == nil { error(1, "the setup has no 'title:'") }
        var setup = TrainingSetup()
        if !setupFailed {
            switch draft.build(naming: { $0 }) {
            case .success(let built):
                setup = built
                setupForChecks = built
                schema = TraceSchema(setup: built)
            case .failure(let problem):
                let line = problem.keys.compactMap { seen[$0] }.max() ?? range.lowerBound
                error(line, problem.message)
            }
        }
        guard let id, let title else { return nil }
        return Header(id: id, title: title, setup: setup, part: part, idLine: seen["id"] ?? 1)
    }

    static func isValidID(_ s: String) -> Bool { LessonIDRules.isValid(s) }

    // MARK: Body

    enum State { case intro, attributes, narrative, question }

    /// A stop while its lines are being read.
    struct Draft {
        var title: String
        var line: Int
        var id: String?
        var idLine = 0
        var at: (String, Int)?
        var when: (String, Int)?
        var panel: (String, Int)?
        var experiment: (String, Int)?
        var attributeLines: [String: Int] = [:]
        var narrative: [String] = []
        var references: [LocatedReference] = []
        var questionLine: Int?
        var questionFields: [String: (value: String, line: Int)] = [:]
    }

    mutating func parseBody(_ start: Int) -> [LessonStop] {
        var state = State.intro
        var inFence = false
        var introLines: [String] = []
        var drafts: [Draft] = []
        let (comments, unclosed) = Self.commentLines(lines, from: start)
        if let unclosed { error(unclosed, "'<!--' opens a comment that is never closed: end it with '-->'") }
        var index = start
        while index < lines.count {
            let n = index + 1
            let line = lines[index]
            index += 1
            if comments.contains(n) { continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !inFence && (line.hasPrefix("## ") || line == "##") {
                let title = String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces)
                if title.isEmpty { error(n, "a stop heading needs a title after '## '") }
                drafts.append(Draft(title: title, line: n))
                state = .attributes
                continue
            }
            switch state {
            case .attributes:
                if trimmed.isEmpty {
                    state = .narrative
                    continue
                }
                guard let (key, value) = LessonParser.keyValue(line), ["id", "at", "when", "panel", "try"].contains(key) else {
                    error(n, "expected 'id:', 'at:', 'when:', 'panel:' or 'try:' under the stop heading; leave a blank line before the text")
                    continue
                }
                if let first = drafts[drafts.count - 1].attributeLines[key] {
                    error(n, "duplicate key '\(key)' (first on line \(first))")
                    continue
                }
                drafts[drafts.count - 1].attributeLines[key] = n
                switch key {
                case "id": drafts[drafts.count - 1].id = value; drafts[drafts.count - 1].idLine = n
                case "at": drafts[drafts.count - 1].at = (value, n)
                case "panel": drafts[drafts.count - 1].panel = (value, n)
                case "try": drafts[drafts.count - 1].experiment = (value, n)
                default: drafts[drafts.count - 1].when = (value, n)
                }
            case .question:
                if trimmed.isEmpty { continue }
                let keys = ["kind", "ask", "options", "answer", "tolerance", "feedback", "hint"]
                guard let (key, value) = LessonParser.keyValue(line), keys.contains(key) else {
                    error(n, "expected 'key: value' in the question; keys are \(keys.joined(separator: ", "))")
                    continue
                }
                if let first = drafts[drafts.count - 1].questionFields[key] {
                    error(n, "duplicate key '\(key)' (first on line \(first.line))")
                    continue
                }
                drafts[drafts.count - 1].questionFields[key] = (value, n)
                if ["ask", "feedback", "hint"].contains(key) {
                    drafts[drafts.count - 1].references += scanReferences(value, line: n)
                }
            case .intro, .narrative:
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
                if state == .narrative && !inFence && trimmed.lowercased() == "### question" {
                    if let first = drafts[drafts.count - 1].questionLine {
                        error(n, "a stop has at most one question (first on line \(first))")
                    } else {
                        drafts[drafts.count - 1].questionLine = n
                    }
                    state = .question
                    continue
                }
                let refs = scanReferences(line, line: n)
                if state == .intro {
                    if !refs.isEmpty { error(n, "{{…}} values can only be shown inside a stop, where the trace has them") }
                    introLines.append(line)
                } else {
                    drafts[drafts.count - 1].references += refs
                    drafts[drafts.count - 1].narrative.append(line)
                }
            }
        }
        intro = introLines
        var firstIDLine: [String: Int] = [:]
        var stops: [LessonStop] = []
        for draft in drafts {
            // `## Key points`, with no keys of a stop: the lesson's summary, not a stop.
            if draft.title.lowercased() == "key points" && draft.id == nil && draft.at == nil && draft.when == nil {
                if !keyPoints.isEmpty { error(draft.line, "a lesson has one '## Key points' section") }
                if !draft.references.isEmpty { error(draft.line, "{{…}} values cannot be shown in the key points, which come after the run") }
                keyPoints = Self.trimBlankLines(draft.narrative)
                continue
            }
            if let id = draft.id {
                if !Self.isValidID(id) {
                    error(draft.idLine, "bad stop id '\(id)': use lowercase letters, digits and hyphens")
                } else if let first = firstIDLine[id] {
                    error(draft.idLine, "duplicate stop id '\(id)' (first used on line \(first))")
                } else {
                    firstIDLine[id] = draft.idLine
                }
            } else {
                error(draft.line, "the stop has no id: add 'id: …' on the line under the heading")
            }
            let trigger = resolveTrigger(draft)
            let question = draft.questionLine.flatMap { buildQuestion(draft.questionFields, line: $0) }
            var panel: LessonPanelChoice?
            if let (value, line) = draft.panel {
                panel = LessonPanelChoice(rawValue: value.lowercased())
                if panel == nil { error(line, "bad panel '\(value)': diagram, boundary or loss") }
            }
            let experiment = draft.experiment.flatMap { parseExperiment($0.0, line: $0.1) }
            if let trigger, let id = draft.id {
                stops.append(LessonStop(
                    id: id, title: draft.title, line: draft.line, trigger: trigger, triggerLine: draft.at?.1 ?? draft.when?.1 ?? draft.line,
                    narrative: Self.trimBlankLines(draft.narrative), references: draft.references, question: question, panel: panel,
                    experiment: experiment))
            }
        }
        return stops
    }

    /// The 1-based numbers of the body's comment lines: from a line starting with `<!--` to the
    /// line holding `-->`, outside code fences. They are notes for the lesson's author, so they
    /// are dropped before anything else reads the line, and no learner ever sees them.
    /// Also the line of a comment that is never closed, if any.
    static func commentLines(_ lines: [String], from start: Int) -> (Set<Int>, unclosed: Int?) {
        var result: Set<Int> = []
        var inFence = false, inComment = false
        var opened = 0
        for index in lines.indices where index >= start {
            let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
            if inComment {
                result.insert(index + 1)
                if trimmed.contains("-->") { inComment = false }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            guard !inFence, trimmed.hasPrefix("<!--") else { continue }
            result.insert(index + 1)
            opened = index + 1
            inComment = !trimmed.dropFirst(4).contains("-->")
        }
        return (result, inComment ? opened : nil)
    }

    static func trimBlankLines(_ lines: [String]) -> String {
        var lines = lines[...]
        while let f = lines.first, f.trimmingCharacters(in: .whitespaces).isEmpty { lines = lines.dropFirst() }
        while let l = lines.last, l.trimmingCharacters(in: .whitespaces).isEmpty { lines = lines.dropLast() }
        return lines.joined(separator: "\n")
    }

    /// Every `{{…}}` on a line, reporting unknown names and unclosed braces.
    mutating func scanReferences(_ text: String, line: Int) -> [LocatedReference] {
        var found: [LocatedReference] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                error(line, "'{{' is not closed by '}}'")
                break
            }
            let inside = String(rest[open.upperBound..<close.lowerBound])
            switch ValueReference.parse(inside) {
            case .success(let ref):
                if let schema, case .failure(let e) = ref.resolve(in: schema) {
                    error(line, "in {{\(inside)}}: \(e.message)")
                } else {
                    found.append(LocatedReference(reference: ref, line: line, source: inside.trimmingCharacters(in: .whitespaces)))
                }
            case .failure(let e): error(line, "in {{\(inside)}}: \(e.message)")
            }
            rest = rest[close.upperBound...]
        }
        return found
    }

    // MARK: Experiments

    /// `try: lr 0.05, 0.5, 5` or `try: activation`: a setting key, then values (each checked
    /// against the lesson's setup as it would be run).
    mutating func parseExperiment(_ text: String, line: Int) -> LessonExperiment? {
        let trimmed = SettingValues.trimmed(text)
        let key = String(trimmed.prefix { $0 != " " })
        let rest = SettingValues.trimmed(String(trimmed.dropFirst(key.count)))
        guard let setting = Settings.named(key) else {
            error(line, "unknown setting '\(key)' in 'try:': \(Settings.keys.joined(separator: ", "))")
            return nil
        }
        // A list of values, except for settings whose own value is a comma list (hidden, init): those take "; ".
        let separator: Character = setting.key == "hidden" || setting.key == "init" ? ";" : ","
        let values = rest.isEmpty ? [] : rest.split(separator: separator, omittingEmptySubsequences: false).map { SettingValues.trimmed(String($0)) }
        let experiment = LessonExperiment(key: setting.key, values: values, line: line)
        guard let schema else { return experiment }
        _ = schema
        var listed: Set<String> = []
        for value in values {
            if !value.isEmpty, !listed.insert(value.lowercased()).inserted {
                warning(line, "'\(value)' is listed twice in 'try: \(key)'")
                continue
            }
            if value.isEmpty {
                error(line, "an empty value in 'try: \(key)'; separate values with '\(separator)'")
                continue
            }
            if case .failure(let problem) = experiment.variant(of: setupForChecks, value: value) {
                error(line, "in 'try: \(key)': \(problem.message)")
            }
        }
        return experiment
    }

    // MARK: Triggers

    mutating func resolveTrigger(_ draft: Draft) -> StopTrigger? {
        switch (draft.at, draft.when) {
        case (nil, nil):
            error(draft.line, "the stop has no 'at:' or 'when:' line saying where it happens")
            return nil
        case (.some, .some(let w)):
            error(w.1, "a stop has either 'at:' or 'when:', not both")
            return nil
        case (.some(let at), nil): return parseAt(at.0, line: at.1)
        case (nil, .some(let when)): return parseWhen(when.0, line: when.1)
        }
    }

    static let atHelp = "write 'at: epoch N, sample N, phase P, value NAME' (phase may be left out when NAME has only one; leave out sample for the epoch's loss record)"

    mutating func parseAt(_ text: String, line: Int) -> StopTrigger? {
        var fields: [String: String] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let words = part.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard words.count == 2, ["epoch", "sample", "phase", "value"].contains(words[0]) else {
                error(line, "cannot read '\(part.trimmingCharacters(in: .whitespaces))' in 'at:': \(Self.atHelp)")
                return nil
            }
            if fields[words[0]] != nil {
                error(line, "'\(words[0])' appears twice in 'at:'")
                return nil
            }
            fields[words[0]] = words[1]
        }
        guard let epochText = fields["epoch"], let valueText = fields["value"] else {
            error(line, "'at:' needs an epoch and a value: \(Self.atHelp)")
            return nil
        }
        guard let epoch = LessonParser.integer(epochText, in: 0...Int(Int32.max)) else {
            error(line, "bad epoch '\(epochText)' in 'at:': a whole number from 0")
            return nil
        }
        var sample: Int?
        if let s = fields["sample"] {
            guard let v = LessonParser.integer(s, in: 0...Int(Int32.max)) else {
                error(line, "bad sample '\(s)' in 'at:': a whole number from 0")
                return nil
            }
            sample = v
        }
        guard let schema else { return nil }  // the setup has an error, reported already
        let named = schema.entries(named: valueText)
        guard !named.isEmpty else {
            error(line, "in 'at:': " + ValueReference.unknownName(valueText, schema: schema))
            return nil
        }
        let phases = named.map(\.phase)
        var entry: TraceEntry
        if let p = fields["phase"] {
            guard let parsed = TracePhase(rawValue: p) else {
                error(line, "bad phase '\(p)' in 'at:': accepted: \(TracePhase.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            guard let match = named.first(where: { $0.phase == parsed }) else {
                error(line, "\(valueText) is not published in the \(p) phase; it is in \(phases.map(\.rawValue).joined(separator: " and "))")
                return nil
            }
            entry = match
        } else if sample == nil, let epochRecord = named.first(where: { $0.phase == .epoch }) {
            entry = epochRecord
        } else {
            let stepEntries = named.filter { $0.phase != .epoch }
            guard stepEntries.count == 1 else {
                error(line, "\(valueText) is published before and after the update: add 'phase forward' or 'phase update'")
                return nil
            }
            entry = stepEntries[0]
        }
        if entry.phase == .epoch && sample != nil {
            error(line, "the epoch's records belong to no sample: leave out 'sample'")
            return nil
        }
        if entry.phase != .epoch && sample == nil {
            error(line, "'at:' needs a sample for a \(entry.phase.rawValue) value: \(Self.atHelp)")
            return nil
        }
        return .point(TracePoint(epoch: epoch, sample: sample, entry: entry))
    }

    static let whenHelp = "accepted: 'epoch loss below X' (or above X; with a test set also 'test loss' and 'train loss'), 'PARAMETER changes sign' (such as W[0], b or W1[1][0]), 'all samples classified'"

    mutating func parseWhen(_ text: String, line: Int) -> StopTrigger? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true).map { String($0) }
        let lower = words.map { $0.lowercased() }
        if lower.count == 4, lower[1] == "loss", lower[2] == "below" || lower[2] == "above",
           ["epoch", "test", "train"].contains(lower[0]) {
            guard let v = LessonParser.number(words[3]) else {
                error(line, "bad number '\(words[3])' in 'when:': a finite number such as 0.05")
                return nil
            }
            guard let schema else { return nil }
            let quantity: TraceQuantity = lower[0] == "epoch" ? .epochLoss : (lower[0] == "test" ? .testLoss : .trainLoss)
            guard let entry = schema.entry(quantity) else {
                error(line, "'when: \(lower[0]) loss …' needs a test set: add 'test_percent: P' to the setup")
                return nil
            }
            return .epochRecord(entry, below: lower[2] == "below", v)
        }
        if lower.count == 3, lower[1] == "changes", lower[2] == "sign" {
            guard let schema else { return nil }
            switch ValueReference.parse(words[0]) {
            case .failure(let e):
                error(line, "in 'when: \(text)': \(e.message)")
                return nil
            case .success(let reference):
                guard case .trace(_, let name, let indexes) = reference,
                      let forward = schema.entries(named: name).first(where: { $0.phase == .forward && ($0.quantity == .weights || $0.quantity == .bias) })
                else {
                    error(line, "'\(words[0]) changes sign' watches a parameter (a weight or a bias), such as \(Self.parameterExamples(schema))")
                    return nil
                }
                switch ValueReference.select(forward, indexes: indexes) {
                case .failure(let e):
                    error(line, "in 'when: \(text)': \(e.message)")
                    return nil
                case .success(let resolved):
                    guard resolved.isScalar else {
                        error(line, "'\(words[0]) changes sign' needs one number: \(ValueReference.indexHelp(forward))")
                        return nil
                    }
                    return .signChange(resolved, text: words[0])
                }
            }
        }
        if lower.starts(with: ["all", "samples", "classified"]) && (lower.count == 3 || (lower.count == 4 && ["right", "correctly"].contains(lower[3]))) {
            return .allClassified
        }
        error(line, "cannot read 'when: \(text)': \(Self.whenHelp)")
        return nil
    }

    /// "W[0], W[1], b" or "W1[0][0], b1[0], W2[0], b2": parameters of this network, for messages.
    static func parameterExamples(_ schema: TraceSchema) -> String {
        if schema.architecture.isSingleNeuron { return "W[0], W[1] or b" }
        let L = schema.layers
        return "W1[0][0], b1[0], W\(L)[0] or b\(L)"
    }

    // MARK: Questions

    mutating func buildQuestion(_ fields: [String: (value: String, line: Int)], line: Int) -> LessonQuestion? {
        guard let kindField = fields["kind"] else {
            error(line, "the question has no 'kind:' (accepted: \(LessonQuestion.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        guard let kind = LessonQuestion.Kind(rawValue: kindField.value) else {
            error(kindField.line, "bad kind '\(kindField.value)': accepted: \(LessonQuestion.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        var ok = true
        let ask = fields["ask"]?.value ?? ""
        if ask.isEmpty {
            error(fields["ask"]?.line ?? line, "the question has no 'ask:' text")
            ok = false
        }
        var options: [String] = []
        if let o = fields["options"] {
            if kind != .choice {
                error(o.line, "'options:' belongs only to a choice question")
                ok = false
            } else {
                options = o.value.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                if options.count < 2 || options.contains(where: \.isEmpty) {
                    error(o.line, "'options:' needs at least two non-empty options separated by '|'")
                    ok = false
                } else if Set(options.map { $0.lowercased() }).count != options.count {
                    error(o.line, "'options:' lists the same option twice")
                    ok = false
                }
            }
        } else if kind == .choice {
            error(line, "a choice question needs 'options: A | B | …'")
            ok = false
        }
        var tolerance: Double?
        if let t = fields["tolerance"] {
            if kind != .number {
                error(t.line, "'tolerance:' belongs only to a number question")
                ok = false
            } else if let v = LessonParser.number(t.value), v >= 0 {
                tolerance = v
            } else {
                error(t.line, "bad tolerance '\(t.value)': a number of at least 0, such as 0.001")
                ok = false
            }
        } else if kind == .number {
            error(line, "a number question needs 'tolerance:' (the largest accepted difference, such as 0.001)")
            ok = false
        }
        guard let answerField = fields["answer"] else {
            error(line, "the question has no 'answer:'")
            return nil
        }
        guard ok, let answer = parseAnswer(answerField.value, kind: kind, options: options, line: answerField.line) else { return nil }
        return LessonQuestion(
            kind: kind, prompt: ask, options: options, answer: answer, tolerance: tolerance,
            feedback: fields["feedback"]?.value, hint: fields["hint"]?.value, line: line, answerLine: answerField.line)
    }

    mutating func parseAnswer(_ text: String, kind: LessonQuestion.Kind, options: [String], line: Int) -> LessonQuestion.Answer? {
        var body = Substring(text)
        var negated = false
        if body.hasPrefix("-") || body.hasPrefix("−") {
            let rest = body.dropFirst().drop(while: { $0 == " " })
            if rest.hasPrefix("{{") { negated = true; body = rest }
        }
        if body.hasPrefix("{{") && body.hasSuffix("}}") && body.count >= 4 {
            let inside = String(body.dropFirst(2).dropLast(2))
            if kind == .choice {
                error(line, "a choice answer must be one of the options, not a live value")
                return nil
            }
            switch ValueReference.parse(inside) {
            case .failure(let e):
                error(line, "in {{\(inside)}}: \(e.message)")
                return nil
            case .success(let ref):
                guard let schema else { return nil }
                switch ref.resolve(in: schema) {
                case .failure(let e):
                    error(line, "in {{\(inside)}}: \(e.message)")
                    return nil
                case .success(let resolved):
                    guard resolved.isScalar else {
                        let help = resolved.entry.map { ValueReference.indexHelp($0) } ?? ""
                        error(line, "the answer {{\(inside)}} has several numbers: pick one with an index; \(help)")
                        return nil
                    }
                }
                return .live(ref, negated: negated)
            }
        }
        switch kind {
        case .sign:
            if let s = LessonQuestion.signWords[text.lowercased()] { return .sign(s) }
            error(line, "bad sign answer '\(text)': use +, −, 0 or a live value such as {{dL_dW[1]}}")
        case .direction:
            if let d = LessonQuestion.directionWords[text.lowercased()], d != 0 { return .direction(d) }
            error(line, "bad direction answer '\(text)': use up, down or a live value such as −{{dL_db}}")
        case .choice:
            if let i = options.firstIndex(where: { $0.lowercased() == text.lowercased() }) { return .option(i) }
            error(line, "the answer '\(text)' is not one of the options")
        case .number:
            if let v = LessonParser.number(text) { return .number(v) }
            error(line, "bad number answer '\(text)': a finite number or a live value such as {{y_hat}}")
        }
        return nil
    }
}
