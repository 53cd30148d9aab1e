import NNCore
import NNLessons
import NNRender

/// The walkthrough's one update function: model + message → model. Stepping past what is
/// recorded trains further (the history only ever grows, so stepping back is exact).
public enum TutorUpdate {
    /// The most sample steps one key press may train, so a jump far ahead never freezes the screen.
    public static let trainingBudgetPerKey = 250_000

    public static func update(_ model: inout TutorModel, _ message: TutorMessage) {
        apply(&model, message)
        // The compared run follows the cursor, training as far as it needs to.
        model.comparison?.follow(model.cursor, in: model.session)
    }

    private static func apply(_ model: inout TutorModel, _ message: TutorMessage) {
        switch message {
        case .resize(let width, let height):
            model.width = width
            model.height = height
        case .tick(let milliseconds):
            advanceAutoplay(&model, milliseconds: milliseconds)
        case .notice(let text):
            model.notice = text
        case .work:
            workSlice(&model)
        case .key(let key):
            model.notice = nil
            if model.work != nil {
                // Any key stops a long training where it has got to.
                model.work = nil
                moveTo(&model, max(0, model.session.recorder.count - 1))
                model.notice = "stopped at epoch \(model.session.trainer.epoch): G or : goes on"
                return
            }
            if key == .unknown { return }
            if let confirm = model.confirm {
                model.confirm = nil
                guard key == .character("y") || key == .character("Y") else {
                    model.notice = "nothing changed"
                    return
                }
                switch confirm {
                case .restartLesson: LessonFlow.restart(&model)
                case .resetCourse:
                    model.progress?.reset()
                    model.notice = "the course's progress is forgotten"
                }
                return
            }
            if let overlay = model.overlay {
                // Any key closes an overlay; q still quits, and ? on the keys opens the glossary.
                model.overlay = overlay == .help && key == .character("?") ? .glossary : nil
                if key == .character("q") { model.shouldQuit = true }
                return
            }
            if model.menu?.isShowing == true {
                LessonFlow.menuKey(&model, key)
                return
            }
            if model.chooser != nil {
                ExperimentFlow.key(&model, key)
                return
            }
            if model.inspect != nil, Inspect.key(&model, key) { return }
            if LessonFlow.leaveIntroduction(&model, key) { return }
            if let stop = model.lesson?.pendingQuestion(at: model.cursor), model.jumpInput == nil,
               LessonFlow.answerKey(&model, key, stop: stop) {
                return
            }
            if model.jumpInput != nil {
                typeJump(&model, key)
            } else {
                handle(&model, key)
            }
        }
    }

    /// PgDn and PgUp: a page of the lesson panel as it is laid out now, stopping at its ends.
    static func scrollLesson(_ model: inout TutorModel, pages: Int) {
        guard let lesson = model.lesson, let area = TutorLayout(model: model).lesson else { return }
        let (range, page) = LessonView.widget(model: model, lesson: lesson).scrollRange(in: Frame.inner(of: area))
        model.lesson?.scroll = min(max(lesson.scroll + pages * page, range.lowerBound), range.upperBound)
    }

    private static func handle(_ model: inout TutorModel, _ key: InputKey) {
        if model.session.recorder.count == 0 {
            // --epochs 0: nothing was computed, so only help and quit mean anything.
            switch key {
            case .character("?"): model.overlay = .help
            case .character("q"), .control("d"): model.shouldQuit = true
            default: model.notice = "nothing to step through: the run has 0 epochs"
            }
            return
        }
        switch key {
        case .character(" "), .right, .character("l"):
            stepForward(&model)
        case .left, .character("h"):
            stepBack(&model)
        case .character("n"):
            nextSample(&model)
        case .character("N"):
            previousSample(&model)
        case .character("e"):
            jump(&model, toEpoch: model.snapshot.map { $0.event.epoch + 1 } ?? 0)
        case .character("E"):
            previousEpoch(&model)
        case .character("g"), .home:
            model.cursor = 0
        case .character("G"), .end:
            lastStep(&model)
        case .character(":"):
            model.jumpInput = ""
            model.autoplay = false
        case .character("r"):
            if !model.autoplay && model.session.isComplete && model.cursor >= model.session.recorder.count - 1 {
                model.notice = "end of the run: nothing left to play (g goes back to the start)"
            } else {
                model.autoplay.toggle()
                model.autoplayCredit = 0
            }
        case .character("+"), .character("="):
            model.speedIndex = min(Autoplay.speeds.count - 1, model.speedIndex + 1)
        case .character("-"), .character("−"), .character("_"):
            model.speedIndex = max(0, model.speedIndex - 1)
        case .character("?"):
            model.overlay = .help
        case .character("q"), .control("d"):
            model.shouldQuit = true
        case .character("m"):
            LessonFlow.showMenu(&model)
        case .character("]"):
            if model.lesson != nil { LessonFlow.nextStop(&model) } else { model.notice = "] and [ move between lesson stops" }
        case .character("["):
            if model.lesson != nil { LessonFlow.previousStop(&model) } else { model.notice = "] and [ move between lesson stops" }
        case .character("R"):
            if model.lesson != nil { model.confirm = .restartLesson } else { model.notice = "R restarts a lesson" }
        case .character("v"):
            cyclePanel(&model)
        case .character("i"):
            Inspect.begin(&model)
        case .character("t"):
            ExperimentFlow.open(&model)
        case .character("x"):
            ExperimentFlow.close(&model)
        case .pageDown:
            scrollLesson(&model, pages: 1)
        case .pageUp:
            scrollLesson(&model, pages: -1)
        default:
            break
        }
    }

    /// `v`: the next of diagram, boundary and loss in the place a narrow screen has for one.
    static func cyclePanel(_ model: inout TutorModel) {
        // With a lesson the slot holds any of the three; beside the diagram, the boundary or the loss.
        let all: [LessonPanelChoice] = model.lesson != nil ? LessonPanelChoice.allCases : [.boundary, .loss]
        let next = all[((all.firstIndex(of: model.lowerPanel) ?? -1) + 1) % all.count]
        model.lowerPanel = next
        if TutorLayout(model: model).shows(every: true) {
            model.notice = "every panel is on screen at this size"
        } else {
            model.notice = "showing the \(next.rawValue) (v for the next panel)"
        }
    }

    // MARK: Stepping

    static func stepForward(_ model: inout TutorModel) {
        if model.session.record(throughEvent: model.cursor + 1) {
            LessonFlow.moveForward(&model, to: model.cursor + 1)
        } else {
            model.autoplay = false
            model.notice = "end of the run (\(model.session.setup.epochs) epochs); --epochs trains longer"
        }
    }

    static func stepBack(_ model: inout TutorModel) {
        if model.cursor > 0 {
            model.cursor -= 1
        } else {
            model.notice = "already at the first value"
        }
    }

    static func nextSample(_ model: inout TutorModel) {
        let recorder = model.session.recorder
        let position = recorder.stepPosition(ofEvent: model.cursor)
        let nextStart = recorder.eventRange(ofStep: position).upperBound
        if model.session.record(throughEvent: nextStart) {
            LessonFlow.moveForward(&model, to: nextStart)
        } else {
            LessonFlow.moveForward(&model, to: recorder.count - 1)
            if model.notice == nil { model.notice = "end of the run" }
        }
    }

    /// Moves to a recorded event: forward moves pause at lesson stops, backward moves do not.
    static func moveTo(_ model: inout TutorModel, _ index: Int) {
        if index > model.cursor {
            LessonFlow.moveForward(&model, to: index)
        } else {
            model.cursor = index
        }
    }

    static func previousSample(_ model: inout TutorModel) {
        let recorder = model.session.recorder
        let position = recorder.stepPosition(ofEvent: model.cursor)
        model.cursor = position > 0 ? recorder.eventRange(ofStep: position - 1).lowerBound : 0
    }

    static func previousEpoch(_ model: inout TutorModel) {
        guard let epoch = model.snapshot?.event.epoch else { return }
        jump(&model, toEpoch: max(0, epoch - 1))
    }

    static func jump(_ model: inout TutorModel, toEpoch epoch: Int) {
        let setup = model.session.setup
        if epoch >= setup.epochs {
            model.notice = "the run has epochs 0 to \(max(0, setup.epochs - 1))"
            return
        }
        if let index = model.session.firstEvent(ofEpoch: epoch, maximumNewSteps: workSliceSteps(model)) {
            moveTo(&model, index)
        } else {
            model.work = .epoch(epoch)
            model.autoplay = false
        }
    }

    static func lastStep(_ model: inout TutorModel) {
        model.session.record(throughEvent: .max, maximumNewSteps: workSliceSteps(model))
        if model.session.isComplete {
            moveTo(&model, max(0, model.session.recorder.count - 1))
        } else {
            model.work = .lastStep
            model.autoplay = false
        }
    }

    /// Steps a slice of long training takes: a few milliseconds' worth, whatever the network.
    static func workSliceSteps(_ model: TutorModel) -> Int {
        max(200, 400_000 / max(1, model.session.trainer.schema.rowWidth))
    }

    /// One slice of a long training; at the target, the cursor goes there.
    static func workSlice(_ model: inout TutorModel) {
        guard let work = model.work else { return }
        let session = model.session
        switch work {
        case .lastStep:
            session.record(throughEvent: .max, maximumNewSteps: workSliceSteps(model))
            if session.isComplete {
                model.work = nil
                moveTo(&model, max(0, session.recorder.count - 1))
            }
        case .epoch(let epoch):
            if let index = session.firstEvent(ofEpoch: epoch, maximumNewSteps: workSliceSteps(model)) {
                model.work = nil
                moveTo(&model, index)
            } else if session.isComplete {
                model.work = nil
            }
        }
    }

    // MARK: ":" jumps

    static func typeJump(_ model: inout TutorModel, _ key: InputKey) {
        var input = model.jumpInput ?? ""
        switch key {
        case .character(let c) where c.isASCII && c.isNumber && input.count < 12:
            input.append(c)
            model.jumpInput = input
        case .backspace:
            if input.isEmpty { model.jumpInput = nil } else { input.removeLast(); model.jumpInput = input }
        case .enter:
            model.jumpInput = nil
            if let epoch = Int(input) {
                jump(&model, toEpoch: epoch)
            } else {
                model.notice = "type an epoch number after ':', then Enter"
            }
        case .escape:
            model.jumpInput = nil
        default:
            model.notice = "':' takes an epoch number (digits), then Enter; Esc cancels"
        }
    }

    // MARK: Autoplay

    static func advanceAutoplay(_ model: inout TutorModel, milliseconds: Int) {
        guard model.autoplay, model.overlay == nil else { return }
        model.autoplayCredit += Autoplay.speeds[model.speedIndex] * Double(max(0, milliseconds)) / 1000
        var steps = Int(model.autoplayCredit)
        model.autoplayCredit -= Double(steps)
        while steps > 0 && model.autoplay {
            stepForward(&model)
            steps -= 1
        }
    }
}
