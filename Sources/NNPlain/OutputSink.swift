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
    /// Bytes waiting to be written: `count` of them at `buffer`, which holds `capacity`.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private let flushThreshold: Int
    /// When set, bytes are collected here instead of written (tests, in-memory rendering).
    private var captured: [UInt8]?

    public init(fileDescriptor: Int32 = 1, flushThreshold: Int = 1 << 16) {
        fd = fileDescriptor
        self.flushThreshold = flushThreshold
        capacity = flushThreshold + 4096
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
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

    /// Everything written since the last call, for a memory sink, which is then emptied.
    public func takeText() -> String {
        let all = text
        captured = captured.map { _ in [] }
        return all
    }

    /// Calls to `isOpen` since the reader was last checked.
    private var checksSincePoll = 0

    /// False once the reader went away or writing failed. While nothing is being written (a long
    /// run printing only every Nth epoch), it also asks the descriptor every few thousand calls
    /// whether the reader is still there, so `| head` ends the run at once.
    public var isOpen: Bool {
        guard state == .open else { return false }
        checksSincePoll += 1
        if checksSincePoll >= 4096 { pollReader() }
        return state == .open
    }

    /// Like `isOpen`, but asks the descriptor now: for a caller that checks rarely (once per long
    /// slice of silent training), so `| head` is noticed within one slice.
    public var isOpenNow: Bool {
        guard state == .open else { return false }
        pollReader()
        return state == .open
    }

    private func pollReader() {
        checksSincePoll = 0
        guard captured == nil, fd >= 0 else { return }
        var probe = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        if poll(&probe, 1, 0) > 0, probe.revents & Int16(POLLERR | POLLHUP) != 0 {
            state = .closed
        }
    }

    /// Lets `body` write at most `room` bytes straight into the buffer; it returns how many it wrote.
    /// Capacity is checked once per call, not per byte.
    @inline(__always)
    public func write(reserving room: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        guard state == .open else { return }
        if count + room > capacity { makeRoom(room) }
        count += body(buffer + count)
        if count >= flushThreshold { flush() }
    }

    private func makeRoom(_ room: Int) {
        flush()
        if room > capacity {
            buffer.deallocate()
            capacity = room + 4096
            buffer = .allocate(capacity: capacity)
        }
    }

    @inline(__always)
    public func write(_ string: String) {
        var string = string
        string.withUTF8 { bytes in
            write(reserving: bytes.count) { out in
                if let base = bytes.baseAddress { out.update(from: base, count: bytes.count) }
                return bytes.count
            }
        }
    }

    public func writeLine(_ string: String) {
        write(string + "\n")
    }

    /// Sends what is buffered. Safe to call at any time and more than once.
    public func flush() {
        guard state == .open, count > 0 else {
            count = 0
            return
        }
        if captured != nil {
            captured?.append(contentsOf: UnsafeBufferPointer(start: buffer, count: count))
            count = 0
            return
        }
        var offset = 0
        let total = count
        do {
            let base = UnsafeRawPointer(buffer)
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
        count = 0
    }
}
