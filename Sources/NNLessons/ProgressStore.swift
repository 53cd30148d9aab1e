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

/// An answer as typed, and whether it was right.
public struct RecordedAnswer: Codable, Sendable, Equatable {
    public var answer: String
    public var correct: Bool

    public init(answer: String, correct: Bool) {
        self.answer = answer
        self.correct = correct
    }
}

/// Loads and saves `progress.json` in a state directory, atomically. Problems never stop the tutor:
/// they become a one-line `warning`, and progress is then kept in memory only.
public final class ProgressStore {
    public static let fileName = "progress.json"

    /// nil: no place to save (neither XDG_STATE_HOME nor HOME set); progress lives in memory.
    public let directory: String?
    public private(set) var progress = Progress()
    /// The latest problem, in one line, for a status bar; nil when all is well.
    public private(set) var warning: String?

    /// Opens the store and loads what is saved there. Pass `defaultDirectory(environment:)` in the tool.
    public init(directory: String?) {
        self.directory = directory
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
        guard let path = filePath else { return }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        let problem: String
        if isDirectory.boolValue {
            problem = "it is a directory"
        } else if let data = manager.contents(atPath: path) {
            do {
                let decoded = try JSONDecoder().decode(Progress.self, from: data)
                if decoded.version == Progress.currentVersion {
                    progress = decoded
                    return
                }
                problem = "unsupported version \(decoded.version)"
            } catch {
                problem = "not valid progress JSON"
            }
        } else {
            problem = "it cannot be read"
        }
        warning = "progress file \(path) ignored (\(problem)); " + setAside(path)
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
    /// On failure the previous file is untouched and `warning` says why. Returns true on success.
    @discardableResult
    public func save() -> Bool {
        guard let directory, let path = filePath else { return true }
        let manager = FileManager.default
        let temp = "\(path).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(progress)
            try data.write(to: URL(fileURLWithPath: temp))
            guard rename(temp, path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(atPath: temp)
                warning = "could not save progress to \(path): \(reason)"
                return false
            }
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
        return save()
    }

    /// Remembers where the learner is in a lesson and saves.
    @discardableResult
    public func recordPosition(lesson id: String, stopIndex: Int?, eventIndex: Int?) -> Bool {
        progress.lessons[id, default: LessonProgress()].stopIndex = stopIndex
        progress.lessons[id, default: LessonProgress()].eventIndex = eventIndex
        return save()
    }

    /// Remembers an answer given at a stop and saves.
    @discardableResult
    public func recordAnswer(lesson id: String, stop: String, answer: String, correct: Bool) -> Bool {
        progress.lessons[id, default: LessonProgress()].answers[stop] = RecordedAnswer(answer: answer, correct: correct)
        return save()
    }

    /// Forgets one lesson's progress (or all, with nil) and saves.
    @discardableResult
    public func reset(lesson id: String? = nil) -> Bool {
        if let id { progress.lessons[id] = nil } else { progress.lessons = [:] }
        return save()
    }
}
