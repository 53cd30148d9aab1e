import Foundation
import XCTest

/// Runs the built `nn-tutor` binary the way a user does, through a shell.
enum BinaryRunner {
    /// The folder `swift build` / `swift test` put the products in.
    static var productsDirectory: URL {
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
    }

    static var binary: String { productsDirectory.appendingPathComponent("nn-tutor").path }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `command` with `bash -o pipefail -c`; `$NN` in it is the binary's path.
    ///
    /// Uses posix_spawn and waitpid rather than Foundation's Process: on Linux, Process waits
    /// for a pipe that a daemon (the tmux server) inherits and never closes.
    static func shell(_ command: String, environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nn-tutor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outPath = directory.appendingPathComponent("stdout").path
        let errPath = directory.appendingPathComponent("stderr").path

        var env = ProcessInfo.processInfo.environment
        env["NN"] = binary
        // A UTF-8 locale, whatever the runner's: the plain trace is ASCII under LANG=C, and tests
        // that want that say so on their own command line (`LC_ALL=C "$NN" …`).
        env["LC_ALL"] = "C.UTF-8"
        for (k, v) in environment { env[k] = v }
        let arguments = ["/bin/bash", "-o", "pipefail", "-c", command]
        let envStrings = env.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

        var pid: pid_t = 0
        let cArgs = arguments.map { strdup($0) } + [nil]
        let cEnv = envStrings.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, cArgs, cEnv)
        guard spawned == 0 else {
            throw NSError(domain: "BinaryRunner", code: Int(spawned), userInfo: [NSLocalizedDescriptionKey: "posix_spawn failed"])
        }
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if Date() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                XCTFail("timed out after \(timeout) s: \(command)")
                break
            }
            usleep(5_000)
        }
        // WIFEXITED / WEXITSTATUS, spelled out (the C macros do not import).
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let outData = (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data()
        let errData = (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data()
        return Result(status: exitStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
