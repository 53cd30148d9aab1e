#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered byte writer to a file descriptor that turns write errors into a state, never a trap.
///
/// A closed pipe (`nn-tutor --plain | head`) is `.closed`: the run should end quietly. Any
/// other failure (`> /dev/full`) keeps its message for a one-line report.
public final class OutputSink {
    public enum State: Equatable {
        case open
        /// The reader went away (EPIPE).
        case closed
        /// Writing failed for another reason; the message names it.
        case failed(String)
    }

    public private(set) var state: State = .open
    private let fd: Int32
    private var pending: [UInt8] = []
    private let flushThreshold: Int
    /// When set, bytes are collected here instead of written (tests, in-memory rendering).
    private var captured: [UInt8]?

    public init(fileDescriptor: Int32 = 1, flushThreshold: Int = 1 << 16) {
        fd = fileDescriptor
        self.flushThreshold = flushThreshold
        pending.reserveCapacity(flushThreshold + 1024)
    }

    /// A sink that keeps everything in memory, for tests.
    public static func memory() -> OutputSink {
        let sink = OutputSink(fileDescriptor: -1)
        sink.captured = []
        return sink
    }

    /// Everything written so far, for a memory sink.
    public var text: String {
        flush()
        return String(decoding: captured ?? [], as: UTF8.self)
    }

    /// Calls to `isOpen` since the reader was last checked.
    private var checksSincePoll = 0

    /// False once the reader went away or writing failed. While nothing is being written (a long
    /// run printing only every Nth epoch), it also asks the descriptor every few thousand calls
    /// whether the reader is still there, so `| head` ends the run at once.
    public var isOpen: Bool {
        guard state == .open else { return false }
        checksSincePoll += 1
        if checksSincePoll >= 4096, captured == nil, fd >= 0 {
            checksSincePoll = 0
            var probe = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            if poll(&probe, 1, 0) > 0, probe.revents & Int16(POLLERR | POLLHUP) != 0 {
                state = .closed
            }
        }
        return state == .open
    }

    @inline(__always)
    public func write(_ string: String) {
        guard state == .open else { return }
        pending.append(contentsOf: string.utf8)
        if pending.count >= flushThreshold { flush() }
    }

    @inline(__always)
    public func write<S: Sequence>(bytes: S) where S.Element == UInt8 {
        guard state == .open else { return }
        pending.append(contentsOf: bytes)
        if pending.count >= flushThreshold { flush() }
    }

    /// Lets `body` append bytes straight into the pending buffer (no intermediate copy).
    @inline(__always)
    public func append(_ body: (inout [UInt8]) -> Void) {
        guard state == .open else { return }
        body(&pending)
        if pending.count >= flushThreshold { flush() }
    }

    public func writeLine(_ string: String) {
        write(string)
        write("\n")
    }

    /// Sends what is buffered. Safe to call at any time and more than once.
    public func flush() {
        guard state == .open, !pending.isEmpty else {
            pending.removeAll(keepingCapacity: true)
            return
        }
        if captured != nil {
            captured?.append(contentsOf: pending)
            pending.removeAll(keepingCapacity: true)
            return
        }
        var offset = 0
        let total = pending.count
        pending.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < total {
                let n = Glibc.write(fd, base + offset, total - offset)
                if n > 0 {
                    offset += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    let code = errno
                    if code == EPIPE {
                        state = .closed
                    } else {
                        state = .failed(String(cString: strerror(code)))
                    }
                    return
                }
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
