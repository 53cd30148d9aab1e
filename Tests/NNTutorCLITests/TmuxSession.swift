import Foundation
import XCTest

/// A private tmux server running a shell, driven like a learner at a keyboard.
final class TmuxSession {
    let socket: String
    let target = "nn"

    static var isAvailable: Bool {
        (try? BinaryRunner.shell("command -v tmux"))?.status == 0
    }

    init(width: Int, height: Int) throws {
        socket = "nn-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        // A plain shell without rc files, in a UTF-8 locale, so we can type commands into it.
        let start = try tmux("new-session -d -s \(target) -x \(width) -y \(height) 'env -i PATH=\"$PATH\" HOME=\"$HOME\" TERM=xterm-256color LANG=C.UTF-8 NN=\"$NN\" PS1=\"$ \" bash --norc --noprofile'")
        XCTAssertEqual(start.status, 0, start.stderr)
        _ = try tmux("set-option -t \(target) -g default-terminal xterm-256color")
        XCTAssertNotNil(try waitFor("$", timeout: 5))
    }

    deinit {
        _ = try? tmux("kill-server")
    }

    @discardableResult
    func tmux(_ arguments: String) throws -> BinaryRunner.Result {
        try BinaryRunner.shell("tmux -L \(socket) \(arguments)")
    }

    /// Types a line into the shell and presses Enter.
    func type(_ line: String) throws {
        try tmux("send-keys -t \(target) -l \(shellQuote(line))")
        try tmux("send-keys -t \(target) Enter")
    }

    /// Sends tmux key names (Space, Left, q, C-c, …).
    func keys(_ names: String...) throws {
        for name in names { try tmux("send-keys -t \(target) \(name)") }
    }

    /// The pane's text now ("" if tmux cannot be reached).
    func capture() -> String {
        (try? tmux("capture-pane -p -t \(target)"))?.stdout ?? ""
    }

    /// Polls the pane until it contains `text`; returns the pane, or nil after `timeout` seconds.
    func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            let pane = capture()
            if pane.contains(text) { return pane }
            usleep(50_000)
        } while Date() < deadline
        return nil
    }

    /// Polls until the pane stops changing (the program has drawn everything it will).
    func settled(timeout: TimeInterval = 5) throws -> String {
        var last = capture()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            usleep(150_000)
            let now = capture()
            if now == last { return now }
            last = now
        }
        return last
    }

    func resize(width: Int, height: Int) throws {
        try tmux("resize-window -t \(target) -x \(width) -y \(height)")
    }

    /// The pid of the program running in the pane's shell, if any.
    func childPID() throws -> String? {
        let shell = try tmux("display -p -t \(target) '#{pane_pid}'").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let child = try BinaryRunner.shell("pgrep -P \(shell) | head -1").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return child.isEmpty ? nil : child
    }

    /// After the program exits: echo and canonical mode back, alternate screen off, cursor shown,
    /// read by typing `stty -a` into the same shell.
    func assertTerminalRestored(file: StaticString = #filePath, line: UInt = #line) throws {
        try type("clear; stty -a | tr ' ' '\\n' | grep -E '^-?(echo|icanon)$' | tr '\\n' ' '; echo END")
        let pane = try XCTUnwrap(try waitFor("END\n", timeout: 10), "shell did not come back", file: file, line: line)
        // stty prints "echo" and "icanon" when set, "-echo" / "-icanon" when not.
        let modes = pane.components(separatedBy: "END\n").first?.split(whereSeparator: \.isWhitespace).map(String.init) ?? []
        XCTAssertTrue(modes.contains("echo") && modes.contains("icanon"), "terminal modes after exit: \(pane)", file: file, line: line)
        XCTAssertFalse(modes.contains("-echo") || modes.contains("-icanon"), "terminal modes after exit: \(pane)", file: file, line: line)
        let flags = try tmux("display -p -t \(target) '#{alternate_on} #{cursor_flag}'").stdout
        XCTAssertEqual(flags.trimmingCharacters(in: .whitespacesAndNewlines), "0 1", "alternate screen off, cursor on", file: file, line: line)
        XCTAssertFalse(pane.contains("equations"), "no leftover screen content", file: file, line: line)
    }

    private func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
