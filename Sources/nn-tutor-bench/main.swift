#if canImport(Glibc)
import Glibc
#endif
import NNApp
import NNCore
import NNPlain
import NNRender

// Release-build benchmarks for the figures the issues set targets for. Run:
//   swift run -c release nn-tutor-bench
// Each figure is the median of several runs, so one noisy run on a shared machine does not decide it.

func nanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// Resident set size in MiB, from /proc/self/statm.
func residentMiB() -> Double {
    guard let file = fopen("/proc/self/statm", "r") else { return .nan }
    defer { fclose(file) }
    var size = 0, resident = 0
    withUnsafeMutablePointer(to: &size) { s in
        withUnsafeMutablePointer(to: &resident) { r in
            _ = withVaList([s, r]) { vfscanf(file, "%ld %ld", $0) }
        }
    }
    return Double(resident) * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

func report(_ name: String, _ value: Double, _ unit: String, target: String) {
    let text = value >= 100 ? String(Int(value.rounded())) : String(Double(Int(value * 100)) / 100)
    print("\(name.padding(52)) \(text.leftPadding(12)) \(unit.padding(12)) target \(target)")
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    func leftPadding(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

let runs = 7

// 0. Memory while the walkthrough records, first, while the process is fresh: its session keeps
// 48 blocks of 2048 steps in memory and replays older ones from checkpoints.
do {
    let before = residentMiB()
    let session = TraceSession(setup: TrainingSetup(data: .builtin(.or), epochs: 250_000))
    session.record(throughEvent: 100_000 * 14 + 25_000 - 1)
    let at100k = residentMiB()
    report("resident memory, walkthrough after 100 000 steps", at100k, "MiB total", target: "≤ 64")
    session.record(throughEvent: .max)
    let at1M = residentMiB()
    report("resident memory, walkthrough after 1 000 000 steps", at1M, "MiB total", target: "bounded")
    report("  process before recording", before, "MiB", target: "")
    // Jump back to the start: the first block is replayed from its checkpoint.
    let start = nanoseconds()
    _ = session.recorder.snapshot(at: 5)
    report("  jump back to step 0 (replays a block)", Double(nanoseconds() - start) / 1e6, "ms", target: "")
    if session.recorder.stepCount != 1_000_000 { print("unexpected step count \(session.recorder.stepCount)") }
}

// 1. Training with nobody listening.
do {
    var results: [Double] = []
    let epochs = 2_500_000
    for _ in 0..<runs {
        let trainer = Trainer(setup: TrainingSetup(data: .builtin(.or), epochs: epochs), bus: TraceBus())
        let start = nanoseconds()
        trainer.run()
        let elapsed = Double(nanoseconds() - start)
        results.append(elapsed / Double(trainer.totalSteps))
        if trainer.network.parameters.contains(where: \.isNaN) { print("unexpected NaN") }  // keep the result alive
    }
    report("sample step, no subscriber", median(results), "ns/step", target: "≤ 20")
}

// 2. Training with the recorder attached (fresh recorder each run).
do {
    var results: [Double] = []
    for _ in 0..<runs {
        let bus = TraceBus()
        let recorder = TraceRecorder()
        bus.attach(recorder)
        let trainer = Trainer(setup: TrainingSetup(data: .builtin(.or), epochs: 25_000), bus: bus)
        let start = nanoseconds()
        trainer.run()
        results.append(Double(nanoseconds() - start) / Double(trainer.totalSteps))
    }
    report("sample step, recorder attached", median(results), "ns/step", target: "(none)")
}

// 3. JSONL records per second to /dev/null.
do {
    var results: [Double] = []
    let fd = open("/dev/null", O_WRONLY)
    for _ in 0..<runs {
        let sink = OutputSink(fileDescriptor: fd)
        let bus = TraceBus()
        let counter = EventCounter()
        bus.attach(JSONLPrinter(sink: sink))
        bus.attach(counter)
        let trainer = Trainer(setup: TrainingSetup(data: .builtin(.or), epochs: 25_000), bus: bus)
        let start = nanoseconds()
        trainer.run()
        sink.flush()
        results.append(Double(counter.count) / (Double(nanoseconds() - start) / 1e9))
    }
    close(fd)
    report("JSONL records to /dev/null", median(results), "records/s", target: "≥ 4000000")
}

// 4. Composing one 200×60 walkthrough frame (view only, no terminal).
do {
    let session = TraceSession(setup: TrainingSetup(data: .builtin(.or), epochs: 500))
    var model = TutorModel(session: session, width: 200, height: 60, ascii: false, color: true)
    TutorUpdate.update(&model, .key(.character("G")))
    var results: [Double] = []
    for _ in 0..<runs {
        let frames = 200
        let start = nanoseconds()
        var checksum = 0
        for i in 0..<frames {
            TutorUpdate.update(&model, .key(i % 2 == 0 ? .left : .right))
            checksum &+= TutorView.view(model).width
        }
        results.append(Double(nanoseconds() - start) / Double(frames) / 1e6)
        if checksum == 0 { print("") }
    }
    report("compose a 200×60 frame", median(results), "ms/frame", target: "≤ 1")
}

/// Counts events, to turn time into records per second.
final class EventCounter: TraceSubscriber {
    var count = 0
    func receive(_ step: TraceStep) { count += step.eventCount }
}

// 6. The real binary on a pseudo-terminal: launch to first frame, and a burst of 500 keys.
do {
    let directory = CommandLine.arguments[0].split(separator: "/").dropLast().joined(separator: "/")
    let binary = (CommandLine.arguments[0].hasPrefix("/") ? "/" : "") + directory + "/nn-tutor"
    let timing = TerminalTiming(binary: binary)
    var frames: [Double] = [], bursts: [Double] = []
    for _ in 0..<runs {
        if let result = timing.measure(arguments: ["--dataset", "or"], keys: 500) {
            frames.append(result.firstFrameMilliseconds)
            bursts.append(result.burstMilliseconds)
        }
    }
    if frames.isEmpty {
        print("terminal timing: could not run \(binary) on a pty")
    } else {
        report("launch to first frame (120×40 pty)", median(frames), "ms", target: "≤ 150")
        report("500 keys at once, worked through and quit", median(bursts), "ms", target: "no lag")
    }
}

// 7. JSONL through the real command line, as a user runs it: `nn-tutor --plain --format jsonl > /dev/null`.
do {
    let directory = CommandLine.arguments[0].split(separator: "/").dropLast().joined(separator: "/")
    let binary = (CommandLine.arguments[0].hasPrefix("/") ? "/" : "") + directory + "/nn-tutor"
    let epochs = 100_000
    // 4 OR samples × 14 values, plus one epoch record each.
    let records = Double(epochs * (4 * 14 + 1))
    var rates: [Double] = []
    for _ in 0..<3 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let words: [String] = [binary, "--plain", "--format", "jsonl", "--epochs", "\(epochs)"]
        let argv = words.map { strdup($0) } + [nil]
        var pid: pid_t = 0
        let start = nanoseconds()
        if posix_spawn(&pid, binary, &actions, nil, argv, nil) == 0 {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            rates.append(records / (Double(nanoseconds() - start) / 1e9))
        }
        posix_spawn_file_actions_destroy(&actions)
        argv.forEach { free($0) }
    }
    if !rates.isEmpty { report("JSONL via `nn-tutor --plain --format jsonl`", median(rates), "records/s", target: "≥ 4000000") }
}
