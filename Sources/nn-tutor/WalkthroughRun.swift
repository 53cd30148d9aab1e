#if canImport(Glibc)
import Glibc
#endif
import NNApp
import NNCore
import NNLessons
import NNRender
import NNTerminal

/// The full-screen walkthrough: reads keys, updates the model, draws the view.
@MainActor
struct WalkthroughRun {
    let setup: TrainingSetup
    let ascii: Bool
    let color: Bool
    /// A lesson to take (`--lesson`), with its number in the course if it is a built-in one.
    var lesson: Lesson? = nil
    var lessonNumber: Int? = nil
    /// The whole course, opened at its menu (`nn-tutor` with no flags).
    var course: [Lesson]? = nil
    /// A line for the menu's footer about lesson files left out of the course.
    var courseNote: String? = nil
    /// `--compare`: the labels and setups of the two runs.
    var comparison: (labels: [String], setups: [TrainingSetup])? = nil

    /// Runs until q or a terminating signal; returns the exit status (128 + signal after a signal).
    func run() throws -> Int32 {
        let terminal = try CursesTerminal(color: color)
        // From here on every path out goes through terminal.restore(), which ends with the one
        // signal-safe restoreSavedModes(): normal quit, signals (the loop returns), thrown errors
        // (this defer) and crashes (the crash handler calls restoreSavedModes() itself).
        defer { terminal.restore() }
        let size = terminal.size
        let progress = (lesson != nil || course != nil)
            ? ProgressStore(directory: ProgressStore.defaultDirectory(environment: Environment.current)) : nil
        var model: TutorModel
        if let comparison, comparison.setups.count == 2 {
            model = TutorModel(
                session: TraceSession(setup: comparison.setups[0]), width: size.width, height: size.height,
                ascii: ascii, color: color,
                comparison: Comparison(labels: comparison.labels, other: TraceSession(setup: comparison.setups[1])))
        } else if let course {
            model = .course(course, width: size.width, height: size.height, ascii: ascii, color: color, progress: progress,
                            note: courseNote)
        } else {
            model = TutorModel(
                session: TraceSession(setup: lesson?.setup ?? setup), width: size.width, height: size.height,
                ascii: ascii, color: color, lesson: lesson.map { LessonState(lesson: $0, number: lessonNumber) },
                progress: progress)
        }
        if let warning = progress?.warning { TutorUpdate.update(&model, .notice(warning)) }
        terminal.present(TutorView.view(model))
        var lastTick = Clock.milliseconds()
        // When the terminal last changed size: a moment after a burst of resizes, the whole screen
        // is drawn once more, since the terminal may have reflowed a frame drawn at an older size.
        var lastResize: Int?
        while !model.shouldQuit {
            if let signal = CursesTerminal.takePendingSignal() {
                return 128 + signal  // the defer restores the terminal
            }
            let timeout = model.work != nil ? 0 : (model.autoplay ? Autoplay.tickMilliseconds : 250)
            var changed = false
            var input = terminal.readInput(timeoutMilliseconds: timeout)
            // Drain everything already typed before drawing, so a held key never lags behind.
            while input != .none {
                switch input {
                case .key(let key):
                    TutorUpdate.update(&model, .key(key))
                case .resize:
                    let size = terminal.size
                    terminal.invalidate()
                    TutorUpdate.update(&model, .resize(width: size.width, height: size.height))
                    lastResize = Clock.milliseconds()
                case .none:
                    break
                }
                changed = true
                if model.shouldQuit { break }
                input = terminal.readInput(timeoutMilliseconds: 0)
            }
            if model.work != nil {
                // Train a few milliseconds' worth, then draw: the screen shows how far it has got.
                let until = Clock.milliseconds() + 40
                while model.work != nil && Clock.milliseconds() < until { TutorUpdate.update(&model, .work) }
                changed = true
            }
            let now = Clock.milliseconds()
            if model.autoplay {
                TutorUpdate.update(&model, .tick(milliseconds: now - lastTick))
                changed = true
            }
            lastTick = now
            // Resizes that arrive faster than they are read can be folded into one event before
            // ncurses knows the final size; whenever the terminal's size differs from the one
            // ncurses or the model holds, redraw at it, so a storm always ends with a whole screen.
            if terminal.followTerminalSize() { lastResize = now }
            let size = terminal.size
            if size.width != model.width || size.height != model.height {
                terminal.invalidate()
                TutorUpdate.update(&model, .resize(width: size.width, height: size.height))
                changed = true
            } else if let resized = lastResize, now - resized >= 200 {
                terminal.invalidate()
                lastResize = nil
                changed = true
            }
            if changed && !model.shouldQuit { terminal.present(TutorView.view(model)) }
        }
        return 0
    }
}

/// A monotonic millisecond clock for autoplay.
enum Clock {
    static func milliseconds() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }
}
