#if canImport(Glibc)
import Glibc
#endif
import NNApp
import NNCore
import NNPlain
import NNRender

// Release benchmark: every comparison is measured side by side in one run (the two things
// alternate, several rounds, medians), because shared machines are noisy. Run:
//   swift run -c release nn-tutor-bench [--old PATH-TO-AN-OLDER-nn-tutor]
// Benchmarks/README.md says what each line means.

// MARK: Helpers

func nanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Seconds `body` takes.
func seconds(_ body: () -> Void) -> Double {
    let start = nanoseconds()
    body()
    return Double(nanoseconds() - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
}

/// Runs `a` and `b` alternately for `rounds` rounds (who goes first swaps each round) and returns
/// the median of each one's figures.
func sideBySide(_ rounds: Int, _ a: () -> Double, _ b: () -> Double) -> (a: Double, b: Double) {
    var aFigures: [Double] = [], bFigures: [Double] = []
    for round in 0..<rounds {
        if round % 2 == 0 { aFigures.append(a()); bFigures.append(b()) } else { bFigures.append(b()); aFigures.append(a()) }
    }
    return (median(aFigures), median(bFigures))
}

/// The median of `rounds` runs of `body`.
func alone(_ rounds: Int, _ body: () -> Double) -> Double { median((0..<rounds).map { _ in body() }) }

/// "1.23" with `digits` decimals (figures ≥ 1000 get none).
func fixed(_ v: Double, _ digits: Int = 2) -> String {
    guard v.isFinite else { return "n/a" }
    if v >= 1000 { return String(Int(v.rounded())) }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let n = Int((v * scale).rounded())
    let whole = String(n / Int(scale)), part = String(n % Int(scale))
    return digits == 0 ? whole : whole + "." + String(repeating: "0", count: digits - part.count) + part
}

extension String {
    func padded(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}

/// One line per measure: name, figures, target, and whether it is met.
func show(_ name: String, _ figures: String, target: String, met: Bool?) {
    let mark = met.map { $0 ? "  ok" : "  MISSED" } ?? ""
    print("\(name.padded(46)) \(figures.padded(72)) target \(target)\(mark)")
}

/// A setup read from command-line flags through the same table as nn-tutor reads them.
func setup(_ flags: String) -> TrainingSetup {
    let words = flags.split(separator: " ").map(String.init)
    var draft = SetupDraft()
    for i in stride(from: 0, to: words.count, by: 2) {
        guard let setting = Settings.all.first(where: { $0.flag == words[i] }) else { fatalError("unknown flag \(words[i])") }
        if let error = setting.apply(words[i + 1], to: &draft, named: words[i]) { fatalError(error) }
    }
    switch draft.build(naming: { $0 }) {
    case .success(let setup): return setup
    case .failure(let error): fatalError(error.message)
    }
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

/// Runs a program to its end with stdout to `output` and stderr to /dev/null; returns the wall
/// seconds, or nil if it could not be started or failed. `search` looks it up in PATH.
func run(_ argv: [String], output: String = "/dev/null", search: Bool = false) -> Double? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var pid: pid_t = 0
    let start = nanoseconds()
    let spawned = search ? posix_spawnp(&pid, argv[0], &actions, nil, cArgs, environ)
                         : posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ)
    guard spawned == 0 else { return nil }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let elapsed = Double(nanoseconds() - start) / 1e9
    return status == 0 ? elapsed : nil
}

func readFile(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "r") else { return [] }
    defer { fclose(file) }
    var bytes: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n <= 0 { break }
        bytes += chunk[0..<n]
    }
    return bytes
}

/// The bytes after any leading `{"phase": "setup"…` or `#…` lines (a coming nn-tutor may print them).
func droppingPreamble(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
    let prefixes = [Array(#"{"phase": "setup""#.utf8), Array("#".utf8)]
    var at = 0
    while prefixes.contains(where: { bytes[at...].starts(with: $0) }) {
        guard let end = bytes[at...].firstIndex(of: UInt8(ascii: "\n")) else { return [] }
        at = end + 1
    }
    return bytes[at...]
}

// MARK: Setup

let arguments = Array(CommandLine.arguments.dropFirst())
var oldBinary: String?
if let i = arguments.firstIndex(of: "--old"), i + 1 < arguments.count { oldBinary = arguments[i + 1] }
/// `--only 1,9`: just those lines (numbers as printed), for a quick look; the default is all.
let only: Set<Int>? = arguments.firstIndex(of: "--only").flatMap { i in
    i + 1 < arguments.count ? Set(arguments[i + 1].split(separator: ",").compactMap { Int($0) }) : nil
}
func wants(_ lines: [Int]) -> Bool { only.map { !$0.isDisjoint(with: lines) } ?? true }
if arguments.contains("--help") || arguments.contains("-h") {
    print("usage: nn-tutor-bench [--old PATH] [--only N,N…]   (an nn-tutor built from an earlier commit; see Benchmarks/README.md)")
    exit(0)
}
// The binaries from the same products folder as this one.
let products: String = {
    var path = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &path, path.count - 1)
    let exe = n > 0 ? String(decoding: path[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    return String(exe[..<(exe.lastIndex(of: "/") ?? exe.startIndex)])
}()
let tutor = products + "/nn-tutor", baseline = products + "/nn-tutor-baseline"
let temporary = "/tmp/nn-tutor-bench-\(getpid())"
let rounds = 5

print("nn-tutor-bench: \(tutor)  (medians of \(rounds) alternating rounds unless noted; \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) cores)")
if let oldBinary { print("old binary: \(oldBinary)") }
print("")

// MARK: 10a. Memory while the walkthrough records (first, while the process is fresh)

if wants([10]) {
    let before = residentMiB()
    let session = TraceSession(setup: setup("--epochs 250000"))  // OR: 1 000 000 steps
    session.trainer.run(steps: 100_000 - session.trainer.stepIndex)
    let at100k = residentMiB()
    session.trainer.run(steps: 500_000 - session.trainer.stepIndex)
    let at500k = residentMiB()
    session.trainer.run()
    let at1M = residentMiB()
    let start = nanoseconds()
    _ = session.recorder.snapshot(at: 5)  // its block was dropped: replayed from the checkpoint
    let jump = Double(nanoseconds() - start) / 1e6
    if session.recorder.stepCount != 1_000_000 { print("unexpected step count \(session.recorder.stepCount)") }
    show("10 memory, walkthrough, 100 000 steps", "\(fixed(at100k, 1)) MiB resident (process alone \(fixed(before, 1)))",
         target: "≤ 64 MiB", met: at100k <= 64)
    // The rows stay within the recorder's 32 MB budget; what still grows is a few numbers per epoch.
    show("10 memory, walkthrough, 1 000 000 steps",
         "\(fixed(at1M, 1)) MiB resident (+\(fixed(at1M - at500k, 1)) since 500 000); jump back to step 0 \(fixed(jump)) ms",
         target: "bounded, ≤ 64 MiB", met: at1M <= 64)
}

// MARK: 1–3. JSONL and CSV against the baseline, same bytes first

/// nn-tutor's output and the baseline's for a small run, the same after any preamble?
func sameBytes(tutorFlags: [String], baselineArgs: [String]) -> (same: Bool, bodyBytes: [UInt8]) {
    let a = temporary + "-a", b = temporary + "-b"
    defer { unlink(a); unlink(b) }
    guard run([tutor] + tutorFlags, output: a) != nil, run([baseline] + baselineArgs, output: b) != nil else { return (false, []) }
    let body = Array(droppingPreamble(readFile(a)))
    return (!body.isEmpty && body == Array(droppingPreamble(readFile(b))), body)
}

var jsonlRecordsPerEpoch = 0.0
func versusBaseline(_ number: String, _ name: String, tutorFlags: String, baselineArgs: String,
                    epochs: Int, checkEpochs: Int, target: Double) -> Double {
    let flags = tutorFlags.split(separator: " ").map(String.init)
    let args = baselineArgs.split(separator: " ").map(String.init)
    let (same, body) = sameBytes(tutorFlags: flags + ["--epochs", "\(checkEpochs)"],
                                 baselineArgs: [args[0], args[1], "\(checkEpochs)"] + args.dropFirst(2))
    let lines = Double(body.filter { $0 == UInt8(ascii: "\n") }.count)
    let t = sideBySide(rounds, { run([tutor] + flags + ["--epochs", "\(epochs)"]) ?? .nan },
                       { run([baseline, args[0], args[1], "\(epochs)"] + args.dropFirst(2)) ?? .nan })
    show("\(number) \(name)", "same bytes: \(same ? "yes" : "no")  nn-tutor \(fixed(t.a, 3)) s  baseline \(fixed(t.b, 3)) s  ratio \(fixed(t.a / t.b))",
         target: "≤ \(fixed(target, 1))", met: same && t.a / t.b <= target)
    return lines / Double(checkEpochs) * Double(epochs) / t.a  // records (lines) per second
}

if wants([1, 2, 3]) {
    let jsonlRate = versusBaseline(" 1", "JSONL, one neuron, 200 000 epochs", tutorFlags: "--plain --format jsonl",
                                   baselineArgs: "jsonl or", epochs: 200_000, checkEpochs: 500, target: 1.5)
    _ = versusBaseline(" 2", "CSV, one neuron, 200 000 epochs", tutorFlags: "--plain --format csv",
                       baselineArgs: "csv or", epochs: 200_000, checkEpochs: 500, target: 2)
    _ = versusBaseline(" 3", "JSONL, 2-16-16-1 on xor, 3000 epochs", tutorFlags: "--plain --format jsonl --dataset xor --hidden 16,16",
                       baselineArgs: "jsonl xor 16,16", epochs: 3000, checkEpochs: 20, target: 1.5)
    show("10 JSONL records/s via the real binary", "\(fixed(jsonlRate / 1e6)) M records/s (from line 1's median)",
         target: "≥ 4 M/s", met: jsonlRate >= 4e6)
}

// MARK: 4–5. Text

if wants([4]) {
    let steps = 8000.0
    let new = { run([tutor, "--plain", "--epochs", "2000", "--every", "1"]).map { $0 / steps * 1e6 } ?? .nan }
    if let oldBinary {
        let t = sideBySide(rounds, new, { run([oldBinary, "--plain", "--epochs", "2000", "--every", "1"]).map { $0 / steps * 1e6 } ?? .nan })
        show(" 4 text, --every 1, 8000 steps", "nn-tutor \(fixed(t.a)) µs/step  old \(fixed(t.b)) µs/step  speed-up \(fixed(t.b / t.a))×",
             target: "≥ 5×", met: t.b / t.a >= 5)
    } else {
        show(" 4 text, --every 1, 8000 steps", "nn-tutor \(fixed(alone(rounds, new))) µs/step (launch included; --old compares)",
             target: "≥ 5× faster than old", met: nil)
    }
}

if wants([5]) {
    let steps = 8_000_000.0
    let trainingSetup = setup("--epochs 2000000")
    let t = sideBySide(rounds, { (run([tutor, "--plain", "--epochs", "2000000"]) ?? .nan) / steps * 1e9 }, {
        let trainer = Trainer(setup: trainingSetup, bus: TraceBus())
        let s = seconds { trainer.run() }
        if trainer.epochLosses.latest?.isNaN == true { print("") }
        return s / steps * 1e9
    })
    show(" 5 text, default --every, 8M steps", "nn-tutor \(fixed(t.a)) ns/step  training alone \(fixed(t.b)) ns/step  ratio \(fixed(t.a / t.b))",
         target: "≈ 1", met: t.a / t.b <= 1.25)
}

// MARK: 6–7. The sample step in process

/// ns per step of a Trainer over `setup`, with `subscriber` (if any) on the bus.
func trainingStep(_ setup: TrainingSetup, _ subscriber: (() -> any TraceSubscriber)? = nil) -> Double {
    let bus = TraceBus()
    var attached: (any TraceSubscriber)?
    if let subscriber { attached = subscriber(); bus.attach(attached!) }
    let trainer = Trainer(setup: setup, bus: bus)
    let s = seconds { trainer.run() }
    if trainer.epochLosses.latest?.isNaN == true || (attached == nil && bus.isActive) { print("") }  // keep the work alive
    return s / Double(trainer.totalSteps) * 1e9
}

if wants([6, 7]) {
    let oneMillion = setup("--epochs 250000")
    let t = sideBySide(rounds, { trainingStep(oneMillion, { TraceRecorder() }) }, { trainingStep(oneMillion) })
    show(" 6 sample step, recorder attached, 1M steps", "recorder \(fixed(t.a, 1)) ns/step  nobody \(fixed(t.b, 1)) ns/step  ratio \(fixed(t.a / t.b, 1))",
         target: "recorder ≤ 400 ns", met: t.a <= 400)
    let tenMillion = setup("--epochs 2500000")
    let none = alone(rounds) { trainingStep(tenMillion) }
    show(" 7 sample step, no subscriber, 10M steps", "\(fixed(none, 1)) ns/step\(oldBinary == nil ? "" : " (no in-process old trainer to compare)")",
         // Issue 14's goal is "unchanged": the step is one dependent chain through exp, machine-bound;
         // compare with a build of the pre-refactor trainer (Benchmarks/README.md).
         target: "unchanged (report)", met: nil)
}

// MARK: 8. A large network against a plain numpy loop

if wants([8]) {
    // From the package folder (swift run), else up from .build/<triple>/release.
    let candidates: [String] = ["Benchmarks/numpy_loop.py", products + "/../../Benchmarks/numpy_loop.py", products + "/../../../Benchmarks/numpy_loop.py"]
    let script = candidates.first { access($0, R_OK) == 0 }
    let name = " 8 2-16-16-1, 200 moons, 1000 epochs"
    if let script, run(["python3", "-c", "import numpy"], search: true) != nil {
        let t = sideBySide(3, {
            run([tutor, "--plain", "--dataset", "moons", "--samples", "200", "--hidden", "16,16", "--epochs", "1000", "--every", "1000"]) ?? .nan
        }, {
            let out = temporary + "-numpy"
            defer { unlink(out) }
            guard run(["python3", script, "1000", "200"], output: out, search: true) != nil else { return .nan }
            return Double(String(decoding: readFile(out), as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "") ?? .nan
        })
        show(name, "nn-tutor \(fixed(t.a, 3)) s  numpy loop \(fixed(t.b, 3)) s  speed-up \(fixed(t.b / t.a, 1))× (3 rounds)",
             target: "≥ 20×", met: t.b / t.a >= 20)
    } else {
        show(name, script == nil ? "Benchmarks/numpy_loop.py not found (run from the package folder)" : "numpy is missing (python3 -c 'import numpy' failed)",
             target: "≥ 20×", met: nil)
    }
}

// MARK: 9. The walkthrough: a frame, and G

if wants([9]) {
    let session = TraceSession(setup: setup("--dataset xor --hidden 16,16 --epochs 1000"))
    var model = TutorModel(session: session, width: 200, height: 60, ascii: false, color: true)
    // G starts training towards the last step in slices; the app loop sends .work until it is done.
    TutorUpdate.update(&model, .key(.character("G")))
    while model.work != nil { TutorUpdate.update(&model, .work) }
    if !session.isComplete { print("G did not reach the last step") }
    let frames = 200
    var checksum = 0
    let ms = alone(7) {
        seconds {
            for i in 0..<frames {
                TutorUpdate.update(&model, .key(i % 2 == 0 ? .left : .right))
                checksum &+= TutorView.view(model).width
            }
        } / Double(frames) * 1e3
    }
    if checksum == 0 { print("") }
    show(" 9 compose a 200×60 frame, 2-16-16-1 xor", "\(fixed(ms, 3)) ms/frame (after G, epoch 999; median of 7×200 frames)",
         target: "≤ 1 ms", met: ms <= 1)

    let moons = setup("--dataset moons --samples 200 --hidden 16,16 --epochs 1000")
    var slices = 0
    let gms = alone(3) {
        var model = TutorModel(session: TraceSession(setup: moons), width: 200, height: 60, ascii: false, color: true)
        slices = 0
        return seconds {
            // One press of G, then the slices the app loop runs (drawing a frame between each).
            TutorUpdate.update(&model, .key(.character("G")))
            while model.work != nil {
                TutorUpdate.update(&model, .work)
                slices += 1
            }
        } * 1e3
    }
    show(" 9 G to the last step, 200 moons, 1000 epochs", "\(fixed(gms, 0)) ms for 200 000 steps (one press, \(slices) slices; median of 3)",
         target: "report only", met: nil)
}

// MARK: 10b. The real binary on a pseudo-terminal

if wants([10]) {
    let timing = TerminalTiming(binary: tutor)
    var frames: [Double] = [], bursts: [Double] = []
    for _ in 0..<rounds {
        if let result = timing.measure(arguments: ["--dataset", "or"], keys: 500) {
            frames.append(result.firstFrameMilliseconds)
            bursts.append(result.burstMilliseconds)
        }
    }
    if frames.isEmpty {
        show("10 launch to first frame (120×40 pty)", "could not run \(tutor) on a pty", target: "≤ 150 ms", met: nil)
    } else {
        show("10 launch to first frame (120×40 pty)", "\(fixed(median(frames), 1)) ms", target: "≤ 150 ms", met: median(frames) <= 150)
        show("10 500 keys at once, worked through, quit", "\(fixed(median(bursts), 1)) ms", target: "no lag", met: nil)
    }
}
