import Foundation

/// What a learner has done: lessons completed, where each was left, and the answers given.
public struct Progress: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public var version: Int
    /// Keyed by lesson id.
    public var lessons: [String: LessonProgress]

    public init(version: Int = Progress.currentVersion, lessons: [String: LessonProgress] = [:]) {
        self.version = version
        self.lessons = lessons
    }
}

/// One lesson's saved state.
public struct LessonProgress: Codable, Sendable, Equatable {
    public var completed: Bool
    /// The stop the learner was at, from 0.
    public var stopIndex: Int?
    /// The trace event the learner was at.
    public var eventIndex: Int?
    /// The latest answer per stop id.
    public var answers: [String: RecordedAnswer]

    public init(completed: Bool = false, stopIndex: Int? = nil, eventIndex: Int? = nil, answers: [String: RecordedAnswer] = [:]) {
        self.completed = completed
        self.stopIndex = stopIndex
        self.eventIndex = eventIndex
        self.answers = answers
    }
}

/// A question's outcome: the last answer typed and whether it was right, or that it was skipped;
/// how many tries it took; and the right answer, so it can be shown again after a restart.
public struct RecordedAnswer: Codable, Sendable, Equatable {
    public var answer: String
    public var correct: Bool
    /// The learner pressed Esc instead of answering (older files have no such field: not skipped).
    public var skipped: Bool?
    public var attempts: Int?
    /// The right answer in words ("−", "0.6452 (± 0.005)"), as it was revealed.
    public var reveal: String?

    public init(answer: String, correct: Bool, skipped: Bool? = nil, attempts: Int? = nil, reveal: String? = nil) {
        self.answer = answer
        self.correct = correct
        self.skipped = skipped
        self.attempts = attempts
        self.reveal = reveal
    }

    public var wasSkipped: Bool { skipped == true }
}

/// Loads and saves `progress.json` in a state directory, atomically. Problems never stop the tutor:
/// they become a one-line `warning`, and progress is then kept in memory only.
///
/// Two tutors may run at once on the same directory: each save re-reads the file under a lock on the
/// directory and merges, so neither loses the other's completed lessons or answers.
public final class ProgressStore {
    public static let fileName = "progress.json"
    /// A larger progress file is not read (a real one is a few kilobytes); it is set aside instead.
    public static let maxFileBytes = 16 << 20
    /// Saved positions beyond these are nonsense (no lesson has that many stops or events) and are dropped on load.
    static let maxStopIndex = 1_000_000
    static let maxEventIndex = 1_000_000_000

    /// nil: no place to save (neither XDG_STATE_HOME nor HOME set); progress lives in memory.
    public let directory: String?
    public private(set) var progress = Progress()
    /// The latest problem, in one line, for a status bar; nil when all is well.
    public private(set) var warning: String?
    /// Lessons changed by this instance since it loaded: their position is ours to write.
    private var touched: Set<String> = []
    /// Lessons this instance reset: the merge must not bring them back from the file.
    private var forgotten: Set<String> = []
    private var forgetAll = false

    /// A read-only store never writes: a listing must not rename a corrupt file or save anything,
    /// which only a command that records or resets progress may do.
    public let isReadOnly: Bool

    /// Opens the store and loads what is saved there. Pass `defaultDirectory(environment:)` in the tool.
    /// - Parameter readOnly: only read (for listings): a bad file is reported and left as it is,
    ///   and `save()` writes nothing.
    public init(directory: String?, readOnly: Bool = false) {
        self.directory = directory
        isReadOnly = readOnly
        load()
    }

    /// `$XDG_STATE_HOME/nn-tutor`, else `$HOME/.local/state/nn-tutor`, else nil. Relative paths are ignored, as the XDG spec asks.
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("nn-tutor")
        }
        if let home = environment["HOME"], home.hasPrefix("/") {
            return (home as NSString).appendingPathComponent(".local/state/nn-tutor")
        }
        return nil
    }

    public var filePath: String? {
        directory.map { ($0 as NSString).appendingPathComponent(Self.fileName) }
    }

    /// Reads the file. A missing file is a fresh start; an unreadable or corrupt one is set aside with a warning.
    public func load() {
        progress = Progress()
        touched = []
        forgotten = []
        forgetAll = false
        guard let path = filePath else { return }
        switch Self.read(path) {
        case .missing: return
        case .good(let decoded): progress = decoded
        case .bad(let problem):
            warning = "progress file \(path) ignored (\(problem)); "
                + (isReadOnly ? "left as it is (the next lesson you take sets it aside)" : setAside(path))
        }
    }

    enum ReadResult {
        case missing
        case good(Progress)
        case bad(String)
    }

    /// Reads and decodes the file without changing anything on disk.
    static func read(_ path: String) -> ReadResult {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT || errno == ENOTDIR ? .missing : .bad("it cannot be read") }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { return .bad("it is a directory") }
        // A FIFO or device would block the read or never end; a symbolic link is followed only to a regular file.
        if type == S_IFLNK {
            var target = stat()
            guard stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFREG else { return .bad("it is not a regular file") }
            info = target
        } else if type != S_IFREG {
            return .bad("it is not a regular file")
        }
        if info.st_size > maxFileBytes { return .bad("it is \(info.st_size) bytes, far too large") }
        guard let data = FileManager.default.contents(atPath: path) else { return .bad("it cannot be read") }
        guard let decoded = try? JSONDecoder().decode(Progress.self, from: data) else { return .bad("not valid progress JSON") }
        guard decoded.version == Progress.currentVersion else { return .bad("unsupported version \(decoded.version)") }
        return .good(sanitized(decoded))
    }

    /// Drops positions no lesson can have, so a hand-edited file cannot send the tutor out of range.
    static func sanitized(_ progress: Progress) -> Progress {
        var clean = progress
        for (id, lesson) in progress.lessons {
            if let stop = lesson.stopIndex, !(0...maxStopIndex).contains(stop) { clean.lessons[id]?.stopIndex = nil }
            if let event = lesson.eventIndex, !(0...maxEventIndex).contains(event) { clean.lessons[id]?.eventIndex = nil }
        }
        return clean
    }

    /// What is on disk now combined with this instance's changes: completed lessons and answers from
    /// both, this instance's position in the lessons it touched, the file's everywhere else.
    func merged(with disk: Progress) -> Progress {
        var result = forgetAll ? Progress() : disk
        for id in forgotten { result.lessons[id] = nil }
        for id in touched {
            guard let mine = progress.lessons[id] else { continue }
            var lesson = result.lessons[id] ?? LessonProgress()
            lesson.completed = lesson.completed || mine.completed
            lesson.stopIndex = mine.stopIndex
            lesson.eventIndex = mine.eventIndex
            lesson.answers.merge(mine.answers) { _, new in new }
            result.lessons[id] = lesson
        }
        return result
    }

    /// Renames a bad file to `progress.json.corrupt-<unix time>` so the next save does not destroy it.
    private func setAside(_ path: String) -> String {
        let stamp = Int(Date().timeIntervalSince1970)
        var target = "\(path).corrupt-\(stamp)"
        var n = 1
        while FileManager.default.fileExists(atPath: target) {
            target = "\(path).corrupt-\(stamp)-\(n)"
            n += 1
        }
        if rename(path, target) == 0 {
            return "kept as \(target); starting fresh"
        }
        return "could not set it aside (\(String(cString: strerror(errno)))); starting fresh"
    }

    /// Writes the file atomically: a temporary file in the same directory, then a rename over the old one.
    /// Under a lock on the directory it first merges what another instance saved meanwhile.
    /// On failure the previous file is untouched and `warning` says why. Returns true on success.
    @discardableResult
    public func save() -> Bool {
        guard !isReadOnly else { return false }
        guard let directory, let path = filePath else { return true }
        let manager = FileManager.default
        let temp = "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            // The lock is advisory and only between tutors; if it cannot be taken, save anyway.
            let lock = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if lock >= 0 { _ = flock(lock, LOCK_EX) }
            defer { if lock >= 0 { close(lock) } }
            var next = progress
            if case .good(let disk) = Self.read(path) { next = merged(with: disk) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(next)
            try data.write(to: URL(fileURLWithPath: temp))
            guard rename(temp, path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(atPath: temp)
                warning = "could not save progress to \(path): \(reason)"
                return false
            }
            progress = next
            forgotten = []
            forgetAll = false
            return true
        } catch {
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: temp, isDirectory: &isDirectory), !isDirectory.boolValue {
                try? manager.removeItem(atPath: temp)
            }
            warning = "could not save progress in \(directory): \(Self.reason(error))"
            return false
        }
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return ns.localizedDescription
    }

    /// The saved state of one lesson (empty if never started).
    public func lesson(_ id: String) -> LessonProgress {
        progress.lessons[id] ?? LessonProgress()
    }

    public func isCompleted(_ id: String) -> Bool { lesson(id).completed }

    /// Marks a lesson done and saves.
    @discardableResult
    public func markCompleted(lesson id: String) -> Bool {
        progress.lessons[id, default: LessonProgress()].completed = true
        touched.insert(id)
        return save()
    }

    /// Remembers where the learner is in a lesson and saves.
    @discardableResult
    public func recordPosition(lesson id: String, stopIndex: Int?, eventIndex: Int?) -> Bool {
        progress.lessons[id, default: LessonProgress()].stopIndex = stopIndex
        progress.lessons[id, default: LessonProgress()].eventIndex = eventIndex
        touched.insert(id)
        return save()
    }

    /// Remembers a question's outcome at a stop and saves.
    @discardableResult
    public func recordAnswer(lesson id: String, stop: String, _ answer: RecordedAnswer) -> Bool {
        progress.lessons[id, default: LessonProgress()].answers[stop] = answer
        touched.insert(id)
        return save()
    }

    /// Forgets one lesson's progress (or all, with nil) and saves.
    @discardableResult
    public func reset(lesson id: String? = nil) -> Bool {
        if let id {
            progress.lessons[id] = nil
            touched.remove(id)
            forgotten.insert(id)
        } else {
            progress.lessons = [:]
            touched = []
            forgetAll = true
        }
        return save()
    }
}
