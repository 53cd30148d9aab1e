import NNLessons

/// The course: the list of lessons, which one is selected, and whether the menu is on screen.
public struct CourseMenu {
    public let lessons: [Lesson]
    public internal(set) var selected = 0
    public internal(set) var isShowing = false
    /// Digits typed so far, so lesson 12 is reached by typing 1 then 2.
    var typedNumber = ""
    /// A line about the course itself for the footer, such as lesson files left out of it.
    public internal(set) var note: String?

    public init(lessons: [Lesson]) {
        self.lessons = lessons
    }

    /// Selects the first lesson not yet completed, so the course resumes where the learner left off.
    mutating func selectResumable(progress: ProgressStore?) {
        guard let progress else { return }
        // Prefer a lesson in progress, then the first not completed.
        if let started = lessons.firstIndex(where: { !progress.isCompleted($0.progressKey) && progress.lesson($0.progressKey).eventIndex != nil }) {
            selected = started
        } else if let fresh = lessons.firstIndex(where: { !progress.isCompleted($0.progressKey) }) {
            selected = fresh
        }
    }

    /// After finishing lesson `index`: the next lesson not completed, after it (wrapping round).
    mutating func selectNextUnfinished(after index: Int, progress: ProgressStore?) {
        let order = lessons.indices.map { (index + 1 + $0) % lessons.count }
        if let next = order.first(where: { progress?.isCompleted(lessons[$0].progressKey) != true }) {
            selected = next
        } else {
            selected = min(index + 1, lessons.count - 1)
        }
    }

    /// Whether every lesson is completed.
    func isComplete(progress: ProgressStore?) -> Bool {
        guard let progress, !lessons.isEmpty else { return false }
        return lessons.allSatisfy { progress.isCompleted($0.progressKey) }
    }

    mutating func move(by delta: Int) {
        guard !lessons.isEmpty else { return }
        selected = min(lessons.count - 1, max(0, selected + delta))
    }
}
