#if canImport(Glibc)
import Glibc
#endif

/// Times the real `nn-tutor` binary on a pseudo-terminal: launch to first frame, and how fast a
/// burst of keys is worked through.
struct TerminalTiming {
    let binary: String

    struct Result {
        var firstFrameMilliseconds: Double
        var burstMilliseconds: Double
    }

    /// Starts the binary on a 120×40 pty, waits for the equations panel, sends `keys` keys at
    /// once followed by q, and waits for it to exit.
    func measure(arguments: [String], keys: Int) -> Result? {
        var master: Int32 = 0, slave: Int32 = 0
        var size = winsize(ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { return nil }
        defer { close(master) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_adddup2(&actions, slave, fd) }
        let argv = ([binary] + arguments).map { strdup($0) } + [nil]
        let environment: [String] = ["TERM=xterm-256color", "LANG=C.UTF-8", "PATH=/usr/bin:/bin", "XDG_STATE_HOME=/tmp/nn-tutor-bench-state"]
        let env = environment.map { strdup($0) } + [nil]
        defer { (argv + env).forEach { free($0) } }
        var pid: pid_t = 0
        let start = nanoseconds()
        guard posix_spawn(&pid, binary, &actions, nil, argv, env) == 0 else { return nil }
        close(slave)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)

        var seen: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let marker = Array("equations".utf8)
        var firstFrame: Double?
        while firstFrame == nil && nanoseconds() - start < 5_000_000_000 {
            let n = read(master, &buffer, buffer.count)
            if n > 0 {
                seen += buffer[0..<n]
                if seen.count >= marker.count, contains(seen, marker) { firstFrame = Double(nanoseconds() - start) / 1e6 }
            } else {
                usleep(200)
            }
        }
        // The burst: `keys` steps forward, then q; the time until the program has exited.
        let burst = [UInt8](repeating: UInt8(ascii: "l"), count: keys) + [UInt8(ascii: "q")]
        let burstStart = nanoseconds()
        _ = burst.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            _ = read(master, &buffer, buffer.count)  // keep the pty drained so the program never blocks
            if nanoseconds() - burstStart > 10_000_000_000 { kill(pid, SIGKILL) }
            usleep(200)
        }
        let burstTime = Double(nanoseconds() - burstStart) / 1e6
        guard let firstFrame else { return nil }
        return Result(firstFrameMilliseconds: firstFrame, burstMilliseconds: burstTime)
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }
}
