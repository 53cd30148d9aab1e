#if canImport(Glibc)
import Glibc
#endif

/// Keys for the walkthrough when standard input carried something else (`--lesson -`): the
/// controlling terminal, reopened as standard input, as `less` does after reading a pipe.
enum TerminalInput {
    /// Puts /dev/tty on descriptor 0. When there is no controlling terminal nothing changes, and
    /// the walkthrough's usual check then falls back to plain output with its one-line note.
    static func reattach() {
        let tty = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard tty >= 0 else { return }
        if tty != 0 {
            dup2(tty, 0)
            close(tty)
        }
    }
}
