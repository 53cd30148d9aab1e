import NNCore

/// A parsed lesson: a training setup and the stops at which the walkthrough pauses to explain.
public struct Lesson: Sendable {
    /// Short name used by `--lesson` and as the key of saved progress.
    public var id: String
    public var title: String
    /// Where the lesson came from, used in diagnostics.
    public var path: String
    public var setup: TrainingSetup
    /// Text shown before the first stop (may be empty). Holds no `{{…}}` references.
    public var intro: String
    public var stops: [LessonStop]
    /// The `## Key points` section, shown when the lesson ends (Markdown, no `{{…}}`).
    public var keyPoints: String
    /// The part of the course the lesson belongs to ("the notebook"), a heading in the menu.
    public var part: String
    /// The line of the setup's `id:` key, for messages about the id.
    public var idLine = 1
    /// True for a lesson compiled into the binary; a teacher's file is not, whatever its id.
    public var isBuiltIn = false

    /// The lesson's key in saved progress. A teacher's lesson is kept apart from the built-in
    /// course ("custom:" cannot occur in an id), so one that reuses a built-in id never marks
    /// the built-in lesson complete.
    public var progressKey: String { isBuiltIn ? id : Self.customPrefix + id }
    public static let customPrefix = "custom:"

    public init(id: String, title: String, path: String, setup: TrainingSetup, intro: String, stops: [LessonStop],
                keyPoints: String = "", part: String = "") {
        self.id = id
        self.title = title
        self.path = path
        self.setup = setup
        self.intro = intro
        self.stops = stops
        self.keyPoints = keyPoints
        self.part = part
    }
}

/// One pause in a lesson: where it happens, what to say there, and an optional question.
public struct LessonStop: Sendable {
    public var id: String
    /// The section heading, without the leading `## `.
    public var title: String
    /// The line of the `## ` heading.
    public var line: Int
    public var trigger: StopTrigger
    /// The line of the `at:` or `when:` key.
    public var triggerLine: Int
    /// Markdown with `{{…}}` references; render with `NarrativeRenderer`.
    public var narrative: String
    /// The `{{…}}` references in the narrative, with their lines, for validation.
    public var references: [LocatedReference]
    public var question: LessonQuestion?
    /// `panel: loss` or `panel: boundary`: what a narrow screen shows beside the lesson at this stop
    /// (the network diagram otherwise), so the text never names a panel that is not on screen.
    public var panel: LessonPanelChoice?
    /// `try: lr 0.05, 0.5, 5`: a setting the learner may change here and rerun, side by side.
    public var experiment: LessonExperiment?

    public init(
        id: String, title: String, line: Int, trigger: StopTrigger, triggerLine: Int = 0, narrative: String,
        references: [LocatedReference] = [], question: LessonQuestion? = nil, panel: LessonPanelChoice? = nil,
        experiment: LessonExperiment? = nil
    ) {
        self.id = id
        self.title = title
        self.line = line
        self.trigger = trigger
        self.triggerLine = triggerLine == 0 ? line : triggerLine
        self.narrative = narrative
        self.references = references
        self.question = question
        self.panel = panel
        self.experiment = experiment
    }
}

/// An experiment a stop offers: one setting, and the values to try (empty: any valid value).
public struct LessonExperiment: Sendable, Equatable {
    /// The setting's key, as in the setup block: `lr`, `activation`, `batch`.
    public var key: String
    /// The values offered, as written; the learner may also type any valid value.
    public var values: [String]
    public var line: Int

    public init(key: String, values: [String], line: Int) {
        self.key = key
        self.values = values
        self.line = line
    }

    /// The lesson's setup with this setting set to `value`, or what is wrong with it.
    public func variant(of setup: TrainingSetup, value: String) -> Result<TrainingSetup, SetupError> {
        guard let setting = Settings.named(key) else { return .failure(SetupError("unknown setting '\(key)'")) }
        var draft = SetupDraft(setup)
        if setting.key == "bugs" { draft.bugs = nil }
        if let problem = setting.apply(value, to: &draft, named: setting.key) { return .failure(SetupError(problem)) }
        return draft.build(naming: { $0 })
    }
}

/// The panel a stop asks for beside the lesson text.
public enum LessonPanelChoice: String, Sendable, CaseIterable {
    case diagram, boundary, loss
}

/// A reference as written in a file, with the line it is on.
public struct LocatedReference: Sendable, Equatable {
    public var reference: ValueReference
    public var line: Int
    /// The text between the braces, for messages.
    public var source: String
}

/// An exact place in the trace: one value of one sample step, or one of an epoch's records.
public struct TracePoint: Sendable, Equatable {
    public var epoch: Int
    /// nil for an epoch record (phase `epoch`).
    public var sample: Int?
    public var entry: TraceEntry

    public init(epoch: Int, sample: Int?, entry: TraceEntry) {
        self.epoch = epoch
        self.sample = sample
        self.entry = entry
    }
}

/// What makes a stop happen.
public enum StopTrigger: Sendable, Equatable {
    /// `at: epoch 0, sample 1, phase backward, value dL_dW`
    case point(TracePoint)
    /// `when: epoch loss below 0.05`, `when: test loss above 0.3`: the first epoch whose record is
    /// below (or above) the value.
    case epochRecord(TraceEntry, below: Bool, Double)
    /// `when: W[0] changes sign`, `when: W1[1][0] changes sign`: the first update after which the
    /// parameter's sign differs from its sign before that update. The reference reads the forward value.
    case signChange(ResolvedReference, text: String)
    /// `when: all samples classified`: the end of the first epoch in which every trained sample's ŷ
    /// was on its target's side of 0.5.
    case allClassified

    /// A `when:` condition, found in the run, rather than an `at:` point named in the file.
    public var isCondition: Bool {
        if case .point = self { return false }
        return true
    }
}
