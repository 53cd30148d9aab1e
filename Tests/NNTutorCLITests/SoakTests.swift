import Foundation
import XCTest

/// Autoplay through 10⁶ sample steps in a real terminal while keys arrive every few milliseconds:
/// no crash, resident memory flat, the screen right at the end, the terminal restored.
final class SoakTests: XCTestCase {
    /// Resident memory of a process in MiB, from /proc.
    func residentMiB(_ pid: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kb / 1024
    }

    func testAMillionStepsOfAutoplay() throws {
        guard TmuxSession.isAvailable else {
            print("SoakTests skipped: tmux is not installed")
            throw XCTSkip("tmux is not installed")
        }
        let session = try TmuxSession(width: 100, height: 30)
        // 250 000 epochs of the 4 OR samples: 10⁶ sample steps, 14.25 million values.
        try session.type("\"$NN\" --dataset or --epochs 250000; echo status=$?")
        XCTAssertNotNil(try session.waitFor("z = W·x + b"))
        let pid = try XCTUnwrap(try session.childPID())
        // Autoplay at full speed: 12 presses of + from the default reach the top speed.
        try session.keys("r")
        for _ in 0..<12 { try session.keys("+") }
        var samples: [(time: TimeInterval, mib: Double)] = []
        let start = Date()
        var lastSample = Date.distantPast
        var keys = 0
        while Date().timeIntervalSince(start) < 240 {
            // A key with no binding, every few milliseconds: input must never stall the run.
            try session.keys("z")
            keys += 1
            if Date().timeIntervalSince(lastSample) > 2 {
                lastSample = Date()
                if let mib = residentMiB(pid) { samples.append((Date().timeIntervalSince(start), mib)) }
                // The status line's notice is cleared by the next key, so the end is read from the step count.
                if session.capture().contains("step 14250000 of 14250000") { break }
            }
            usleep(3_000)
        }
        let screen = try XCTUnwrap(try session.waitFor("step 14250000 of 14250000", timeout: 30),
                                   "autoplay did not reach the end: \(session.capture())")
        XCTAssertTrue(screen.contains("epoch 249999"), screen)
        XCTAssertFalse(screen.contains("▶"), "autoplay stops at the end")
        XCTAssertTrue(screen.contains("loss per epoch"), screen)
        print("soak: \(keys) keys sent; resident MiB over time: " + samples.map { "\(Int($0.time))s \(Int($0.mib))" }.joined(separator: ", "))
        // Memory flat: the recorder keeps a fixed number of blocks; the rest is 16 bytes an epoch.
        let peak = samples.map(\.mib).max() ?? 0
        XCTAssertLessThan(peak, 120, "peak resident memory \(peak) MiB")
        if samples.count >= 4 {
            let half = samples[samples.count / 2].mib, last = samples[samples.count - 1].mib
            XCTAssertLessThan(last - half, 25, "memory kept growing: \(half) → \(last) MiB")
        }
        // Still responsive: stepping back works and q restores the terminal.
        try session.keys("Left")
        XCTAssertNotNil(try session.waitFor("step 14249999 of 14250000", timeout: 10), session.capture())
        try session.keys("q")
        XCTAssertNotNil(try session.waitFor("status=0", timeout: 10), session.capture())
    }
}
