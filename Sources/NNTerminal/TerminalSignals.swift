#if canImport(Glibc)
import Glibc
#endif

// Signal handlers are C function pointers: they cannot capture context, so the state they
// share with the main loop lives in these globals, touched only in async-signal-safe ways.

/// The last terminating signal received (SIGINT, SIGTERM, SIGHUP), or 0.
nonisolated(unsafe) var pendingSignal: sig_atomic_t = 0
/// The terminal modes before the screen started, restored even from a crash handler.
nonisolated(unsafe) var savedTermios = termios()
nonisolated(unsafe) var haveSavedTermios: sig_atomic_t = 0
/// Whether the full screen is up, so the crash handler knows there is something to undo.
nonisolated(unsafe) var screenActive: sig_atomic_t = 0

/// Attributes off, out of the alternate screen, cursor shown: a static string, so writing it
/// allocates nothing (a signal handler must not allocate).
private let resetSequence: StaticString = "\u{1B}[0m\u{1B}[?1049l\u{1B}[?25h"

/// The last step of every restore, normal or not: reset the display and put back the terminal
/// modes saved at start. Uses only write() and tcsetattr(), so a crash handler may call it; after
/// endwin() it changes nothing that ncurses has not already put back.
func restoreSavedModes() {
    guard screenActive != 0 else { return }
    _ = write(1, resetSequence.utf8Start, resetSequence.utf8CodeUnitCount)
    if haveSavedTermios != 0 {
        _ = tcsetattr(0, TCSAFLUSH, &savedTermios)
    }
    screenActive = 0
}

/// Installs the handlers: terminating signals set `pendingSignal` for the main loop; crash
/// signals restore the terminal at once and then die the way they would have.
func installSignalHandlers() {
    for sig in [SIGINT, SIGTERM, SIGHUP] {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in pendingSignal = signal }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocked read returns so the loop sees the flag
        sigaction(sig, &action, nil)
    }
    for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT] {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            restoreSavedModes()
            Glibc.signal(signal, SIG_DFL)
            raise(signal)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // the handler puts back SIG_DFL itself before re-raising
        sigaction(sig, &action, nil)
    }
}
