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
    static func shell(_ command: String, environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-o", "pipefail", "-c", command]
        var env = ProcessInfo.processInfo.environment
        env["NN"] = binary
        for (k, v) in environment { env[k] = v }
        process.environment = env
        // Output goes to files, so a large output can never block the process on a full pipe.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nn-tutor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            XCTFail("timed out after \(timeout) s: \(command)")
        }
        process.waitUntilExit()
        let outData = (try? Data(contentsOf: outURL)) ?? Data()
        let errData = (try? Data(contentsOf: errURL)) ?? Data()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
