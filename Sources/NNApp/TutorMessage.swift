import NNRender

/// Everything that can change the walkthrough: the update function's only inputs.
public enum TutorMessage: Sendable, Equatable {
    case key(InputKey)
    case resize(width: Int, height: Int)
    /// Time passed (for autoplay).
    case tick(milliseconds: Int)
    /// Something the learner should read in the status line (e.g. a progress-file warning).
    case notice(String)
    /// Time for the next slice of a long training (`G`, a far `:` jump): the loop sends it while
    /// `model.work` is set, drawing a frame in between so the screen shows progress.
    case work
}
