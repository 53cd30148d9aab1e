#if canImport(Glibc)
import Glibc
#endif
import CNCurses
import NNRender

/// Why the full screen cannot start; the caller falls back to plain output.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    public var description: String
}

/// The ncurses backend: it blits buffers (only the cells that changed) and reads keys. It
/// knows nothing about training or widgets.
@MainActor
public final class CursesTerminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var previous: Buffer?
    private let colorEnabled: Bool
    private var pairs: [UInt16: Int16] = [:]
    private var restored = false

    /// Whether stdin and stdout are a terminal that can draw a full screen; nil if they can,
    /// else the reason in a sentence.
    nonisolated public static func unavailabilityReason(environment: [String: String]) -> String? {
        if isatty(0) == 0 || isatty(1) == 0 {
            return "standard input or output is not a terminal"
        }
        guard let term = environment["TERM"], !term.isEmpty else {
            return "TERM is not set"
        }
        if term == "dumb" { return "TERM=dumb cannot draw a full screen" }
        return nil
    }

    /// True when the locale's character set is UTF-8 (after `setlocale(LC_ALL, "")`).
    nonisolated public static func localeIsUTF8() -> Bool {
        setlocale(LC_ALL, "")
        guard let codeset = nn_codeset() else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Starts the full screen. Throws (leaving the terminal untouched) when it cannot.
    public init(color: Bool) throws {
        setlocale(LC_ALL, "")
        if tcgetattr(0, &savedTermios) == 0 { haveSavedTermios = 1 }
        // Handlers first, so even a crash while the screen starts puts the terminal back.
        installSignalHandlers()
        // newterm, not initscr: initscr calls exit() itself on an unknown TERM.
        guard let screen = nn_newterm_stdio() else {
            let term = getenv("TERM").map { String(cString: $0) } ?? ""
            throw TerminalUnavailable(description: "the terminal type '\(term)' is unknown to ncurses")
        }
        self.screen = screen
        screenActive = 1
        set_term(screen)
        guard nn_terminal_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw TerminalUnavailable(description: "this terminal cannot move the cursor, so it cannot draw a full screen")
        }
        guard let window = nn_stdscr() else {
            endwin()
            delscreen(screen)
            throw TerminalUnavailable(description: "ncurses gave no screen window")
        }
        self.window = window
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        set_escdelay(25)
        var useColor = false
        if color && has_colors() {
            start_color()
            use_default_colors()
            useColor = true
        }
        colorEnabled = useColor
    }

    /// The terminal size in cells.
    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    /// Asks the terminal itself for its size and, when ncurses has a different one, tells
    /// ncurses. A burst of resizes can end with ncurses holding an older size: a SIGWINCH that
    /// arrives while it is still handling the one before is folded into it. True when it changed.
    public func followTerminalSize() -> Bool {
        var winsize = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &winsize) == 0, winsize.ws_row > 0, winsize.ws_col > 0 else { return false }
        let (width, height) = size
        guard Int(winsize.ws_col) != width || Int(winsize.ws_row) != height else { return false }
        resizeterm(Int32(winsize.ws_row), Int32(winsize.ws_col))
        invalidate()
        return true
    }

    /// Draws `buffer`, sending only the cells that differ from the last one drawn.
    public func present(_ buffer: Buffer) {
        let full = previous.map { $0.width != buffer.width || $0.height != buffer.height } ?? true
        if full { werase(window) }
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if !full, let previous, previous[x, y] == cell { continue }
                put(cell, x: x, y: y)
            }
        }
        previous = buffer
        wnoutrefresh(window)
        doupdate()
    }

    /// Forgets what is on screen, so the next `present` redraws every cell (after a resize).
    public func invalidate() {
        previous = nil
        clearok(window, true)
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        var text: [wchar_t] = cell.character.unicodeScalars.prefix(4).map { wchar_t(bitPattern: $0.value) }
        text.append(0)
        var attrs = nn_attr_normal
        let style = cell.style
        if style.bold { attrs |= nn_attr_bold }
        if style.dim { attrs |= nn_attr_dim }
        if style.reverse { attrs |= nn_attr_reverse }
        if style.underline { attrs |= nn_attr_underline }
        let pair = colorEnabled ? colorPair(style.foreground, style.background) : 0
        // The bottom-right cell draws but reports ERR (the cursor cannot advance): ignore it.
        _ = nn_put_cell(window, Int32(y), Int32(x), text, attrs, pair)
    }

    private func colorPair(_ fg: NNRender.Color, _ bg: NNRender.Color) -> Int16 {
        if fg == .default && bg == .default { return 0 }
        let key = UInt16(fg.rawValue) << 8 | UInt16(bg.rawValue)
        if let pair = pairs[key] { return pair }
        let pair = Int16(pairs.count + 1)
        guard Int32(pair) < nn_color_pairs() else { return 0 }
        init_pair(pair, Self.curses(fg), Self.curses(bg))
        pairs[key] = pair
        return pair
    }

    private static func curses(_ color: NNRender.Color) -> Int16 {
        switch color {
        case .default: return -1
        case .black: return Int16(COLOR_BLACK)
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        }
    }

    /// What `readInput` saw.
    public enum Input: Equatable {
        case key(InputKey)
        case resize
        /// The timeout passed, or a signal interrupted the wait.
        case none
    }

    /// Waits up to `timeoutMilliseconds` (0: just poll) for a key.
    public func readInput(timeoutMilliseconds: Int) -> Input {
        wtimeout(window, Int32(max(0, timeoutMilliseconds)))
        var ch: wint_t = 0
        let result = wget_wch(window, &ch)
        if result == KEY_CODE_YES {
            switch Int32(ch) {
            case KEY_RESIZE: return .resize
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            default: return .none
            }
        }
        guard result == OK, let scalar = Unicode.Scalar(UInt32(ch)) else { return .none }
        switch scalar.value {
        case 0x0A, 0x0D: return .key(.enter)
        case 0x09: return .key(.tab)
        case 0x1B: return .key(escapeSequence())
        case 0x7F, 0x08: return .key(.backspace)
        case 0x01...0x1A: return .key(.control(Character(Unicode.Scalar(scalar.value + 0x60) ?? "?")))
        default: return .key(.character(Character(scalar)))
        }
    }

    /// After an ESC: a lone Esc key, or a sequence that ncurses did not decode (the terminal's
    /// terminfo lacks it, as with Home sent as ESC [ 1 ~ inside tmux). A sequence is read to its
    /// final byte and decoded when it is a known key; otherwise it is `.unknown`, never Esc.
    private func escapeSequence() -> InputKey {
        wtimeout(window, 0)
        var ch: wint_t = 0
        guard wget_wch(window, &ch) == OK, let first = Unicode.Scalar(UInt32(ch)) else { return .escape }
        guard first == "[" || first == "O" else {
            // Esc pressed just before another key (or tmux sending both at once): Esc now, the
            // key on the next read, as the learner typed them.
            unget_wch(wchar_t(ch))
            return .escape
        }
        var body = ""
        for _ in 0..<8 {
            guard wget_wch(window, &ch) == OK, let scalar = Unicode.Scalar(UInt32(ch)) else { break }
            body.unicodeScalars.append(scalar)
            // A sequence ends at a letter or "~".
            if (0x40...0x7E).contains(scalar.value) { break }
        }
        switch body {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H", "1~", "7~": return .home
        case "F", "4~", "8~": return .end
        case "5~": return .pageUp
        case "6~": return .pageDown
        default: return .unknown
        }
    }

    /// Ends the full screen: the one restore path for quit, signals and errors. Idempotent.
    public func restore() {
        guard !restored else { return }
        restored = true
        curs_set(1)
        endwin()
        delscreen(screen)
        restoreSavedModes()
    }

    /// The terminating signal that arrived (SIGINT, SIGTERM, SIGHUP), if any; clears it.
    public static func takePendingSignal() -> Int32? {
        let signal = pendingSignal
        if signal == 0 { return nil }
        pendingSignal = 0
        return signal
    }
}
