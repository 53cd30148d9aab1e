import NNCore
import NNLessons

/// The walkthrough's whole state: a cursor into the recorded trace and the view options.
/// Changed only by `update`; drawn only by `view`.
public struct TutorModel {
    public internal(set) var session: TraceSession
    /// The event the screen shows: everything up to and including it has been computed.
    public internal(set) var cursor = 0
    public internal(set) var width: Int
    public internal(set) var height: Int
    /// A screen over the walkthrough: the keys, or the glossary.
    public internal(set) var overlay: Overlay?
    /// Inspect mode: the number under the inspect cursor, when it is on.
    public internal(set) var inspect: InspectState?
    /// Training in slices towards a far target, with the screen drawn between slices.
    public internal(set) var work: Work?
    /// A question in the status line waiting for y or n.
    public internal(set) var confirm: Confirmation?
    /// What a narrow screen shows beside the lesson (or in the diagram's place): `v` cycles it.
    public internal(set) var lowerPanel: LessonPanelChoice = .diagram
    public internal(set) var autoplay = false
    /// Index into `Autoplay.speeds`.
    public internal(set) var speedIndex = Autoplay.defaultSpeedIndex
    /// Fractional events owed to autoplay between ticks.
    var autoplayCredit = 0.0
    /// The digits typed after ":", while the learner is typing a jump.
    public internal(set) var jumpInput: String?
    /// A short note in the status line ("end of the run"), cleared by the next key.
    public internal(set) var notice: String?
    public internal(set) var shouldQuit = false
    public let ascii: Bool
    public let color: Bool
    /// A lesson being taken, if any.
    public internal(set) var lesson: LessonState?
    /// The course menu, when it is on screen (or can be returned to with m).
    public internal(set) var menu: CourseMenu?
    /// Where completed lessons, positions and answers are saved; nil keeps nothing.
    public let progress: ProgressStore?
    /// `--compare`: the second run, shown beside this one (also a lesson's running experiment).
    public internal(set) var comparison: Comparison?
    /// A stop's `try:` chooser, while it is open.
    public internal(set) var chooser: ExperimentChooser?
    /// The lesson's experiment whose variant `comparison` holds.
    public internal(set) var experiment: RunningExperiment?

    public init(session: TraceSession, width: Int, height: Int, ascii: Bool, color: Bool,
                lesson: LessonState? = nil, menu: CourseMenu? = nil, progress: ProgressStore? = nil,
                comparison: Comparison? = nil) {
        self.session = session
        self.width = width
        self.height = height
        self.ascii = ascii
        self.color = color
        self.lesson = lesson
        self.menu = menu
        self.progress = progress
        self.comparison = comparison
        if lesson != nil { LessonFlow.begin(&self) }
        comparison?.follow(cursor, in: session)
    }

    /// Opens the course menu first: `nn-tutor` with no flags.
    public static func course(_ lessons: [Lesson], width: Int, height: Int, ascii: Bool, color: Bool,
                              progress: ProgressStore?, note: String? = nil) -> TutorModel {
        let first = lessons.first?.setup ?? TrainingSetup()
        var model = TutorModel(session: TraceSession(setup: first), width: width, height: height, ascii: ascii,
                               color: color, menu: CourseMenu(lessons: lessons), progress: progress)
        model.menu?.isShowing = true
        model.menu?.note = note
        model.menu?.selectResumable(progress: progress)
        return model
    }

    /// What the screen shows at the cursor.
    public var snapshot: TraceSnapshot? {
        session.recorder.count == 0 ? nil : session.recorder.snapshot(at: min(cursor, session.recorder.count - 1))
    }

    public var showHelp: Bool { overlay != nil }
}

/// A far target trained towards in slices.
public enum Work: Sendable, Equatable {
    /// The last step of the run.
    case lastStep
    /// The first step of an epoch.
    case epoch(Int)
}

/// A screen shown over the walkthrough until a key is pressed.
public enum Overlay: Sendable, Equatable {
    case help
    case glossary
}

/// An action that waits for y in the status line.
public enum Confirmation: Sendable, Equatable {
    case restartLesson
    case resetCourse

    var question: String {
        switch self {
        case .restartLesson: return "Restart this lesson from its introduction and forget its answers? y / n"
        case .resetCourse: return "Forget the progress of the whole course (every lesson and answer)? y / n"
        }
    }
}

/// Autoplay speeds, in events per second.
public enum Autoplay {
    public static let speeds: [Double] = [1, 2, 5, 10, 20, 50, 100, 250, 1000, 5000, 25_000, 100_000, 1_000_000]
    public static let defaultSpeedIndex = 3
    /// How often the app loop sends a tick while autoplay runs.
    public static let tickMilliseconds = 33
}
