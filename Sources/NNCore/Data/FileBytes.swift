#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole regular file with POSIX calls (NNCore has no Foundation), or says in one
/// phrase why not.
///
/// Only regular files are read. A FIFO would block `open` until a writer appears, and a device
/// can have side effects on open, so the path is checked with `stat` first. `open` then uses
/// `O_NONBLOCK` and the descriptor is checked again with `fstat`: if the path was swapped for a
/// FIFO in between, `O_RDONLY | O_NONBLOCK` on a FIFO returns at once even with no writer
/// (verified on Linux), so nothing can hang.
enum FileBytes {
    /// Why a file could not be read, as a phrase for `path:1: …`.
    struct Problem: Error, Equatable {
        var message: String
    }

    /// The file's bytes, at most `limit` of them; a larger file is a problem.
    static func read(path: String, limit: Int) -> Result<[UInt8], Problem> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(Problem(message: describe(errno: errno))) }
        if let problem = kindProblem(info.st_mode) { return .failure(problem) }

        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return .failure(Problem(message: describe(errno: errno))) }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { return .failure(Problem(message: describe(errno: errno))) }
        if let problem = kindProblem(info.st_mode) { return .failure(problem) }

        let tooLarge = Problem(message: "the file is larger than \(limit >> 20) MiB; a data file may have at most \(DataFile.maxRows) samples")
        guard Int(info.st_size) <= limit else { return .failure(tooLarge) }

        // st_size is a hint: the file may grow or shrink while it is read, so read to the end.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(info.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let got = chunk.withUnsafeMutableBytes { readSome(fd, $0) }
            if got < 0 {
                if errno == EINTR { continue }
                return .failure(Problem(message: describe(errno: errno)))
            }
            if got == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<got])
            if bytes.count > limit { return .failure(tooLarge) }
        }
    }

    /// A phrase for anything that is not a regular file, nil for a regular file.
    static func kindProblem(_ mode: mode_t) -> Problem? {
        let advice = "give the path of a CSV file"
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return Problem(message: "a directory, not a CSV file; \(advice)")
        case S_IFIFO: return Problem(message: "a named pipe (FIFO), not a regular file; save the data to a CSV file and give its path")
        case S_IFCHR, S_IFBLK: return Problem(message: "a device, not a regular file; \(advice)")
        case S_IFSOCK: return Problem(message: "a socket, not a regular file; \(advice)")
        default: return Problem(message: "not a regular file; \(advice)")
        }
    }

    /// `stat`, `open` and `read` failures in a learner's words.
    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case ENOTDIR: return "no such file (a part of the path is not a directory)"
        case EACCES, EPERM: return "cannot open: permission denied"
        case EISDIR: return "a directory, not a CSV file; give the path of a CSV file"
        default:
            let reason = strerror(code).map { String(cString: $0) } ?? "error \(code)"
            return "cannot read: \(reason)"
        }
    }
}

/// `read(2)` under another name: inside `FileBytes`, `read` means `FileBytes.read(path:limit:)`.
private func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(fd, buffer.baseAddress, buffer.count)
}
