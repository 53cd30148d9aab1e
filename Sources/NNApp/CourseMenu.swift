import NNLessons

/// The course: the list of lessons, which one is selected, and whether the menu is on screen.
public struct CourseMenu {
    public let lessons: [Lesson]
    public internal(set) var selected = 0
    public internal(set) var isShowing = false

    public init(lessons: [Lesson]) {
        self.lessons = lessons
    }

    /// Selects the first lesson not yet completed, so the course resumes where the learner left off.
    mutating func selectResumable(progress: ProgressStore?) {
        guard let progress else { return }
        // Prefer a lesson in progress, then the first not completed.
        if let started = lessons.firstIndex(where: { !progress.isCompleted($0.id) && progress.lesson($0.id).eventIndex != nil }) {
            selected = started
        } else if let fresh = lessons.firstIndex(where: { !progress.isCompleted($0.id) }) {
            selected = fresh
        }
    }

    mutating func move(by delta: Int) {
        guard !lessons.isEmpty else { return }
        selected = min(lessons.count - 1, max(0, selected + delta))
    }
}
