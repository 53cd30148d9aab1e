// swift-tools-version:6.0
// nn-tutor: a terminal tutor that lets a learner step through every number a small
// neural network computes. The targets follow the layers in README.md:
// core (no terminal) → render (pure character buffer) → terminal (ncurses blit) →
// lessons → app (model/update/view) → the `nn-tutor` executable.
import PackageDescription

let package = Package(
    name: "nn-tutor",
    products: [
        .executable(name: "nn-tutor", targets: ["nn-tutor"]),
        .executable(name: "nn-tutor-bench", targets: ["nn-tutor-bench"]),
        .executable(name: "nn-tutor-baseline", targets: ["nn-tutor-baseline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Layer 1: math, datasets, numpy-compatible RNG, the network, the trace bus.
        .target(name: "NNCore"),
        // Layer 2: a pure character buffer and the widgets that draw into it.
        .target(name: "NNRender", dependencies: ["NNCore"]),
        // Layer 3: ncursesw, reached through a tiny C shim, and the backend that blits buffers.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "NNTerminal", dependencies: ["CNCurses", "NNRender"]),
        // Numbers as text, written in place: the shortest round-trip form of a double.
        .target(name: "NNFormat"),
        // Plain output: the trace as text, JSONL or CSV, as subscribers on the same bus.
        .target(name: "NNPlain", dependencies: ["NNCore", "NNRender", "NNLessons", "NNFormat"]),
        // Layer 4: lesson files: parsing, validation, progress. The course in lessons/ is compiled
        // in at build time by the EmbedCourse plugin.
        .target(name: "NNLessons", dependencies: ["NNCore"], plugins: ["EmbedCoursePlugin"]),
        .executableTarget(name: "EmbedCourse"),
        .plugin(name: "EmbedCoursePlugin", capability: .buildTool(), dependencies: ["EmbedCourse"]),
        // The walkthrough's model, update and view: pure, so it is tested without a terminal.
        .target(name: "NNApp", dependencies: ["NNCore", "NNRender", "NNLessons", "NNPlain"]),
        // Layer 5: argument parsing and wiring.
        .executableTarget(
            name: "nn-tutor",
            dependencies: [
                "NNCore", "NNRender", "NNTerminal", "NNLessons", "NNApp", "NNPlain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark's baseline: the same bytes with nothing but loops, a buffer and a formatter.
        .executableTarget(name: "nn-tutor-baseline", dependencies: ["NNFormat"], path: "Benchmarks/Baseline"),
        .executableTarget(
            name: "nn-tutor-bench", dependencies: ["NNCore", "NNRender", "NNApp", "NNPlain"],
            linkerSettings: [.linkedLibrary("util")]  // openpty, to time the real binary on a terminal
        ),

        // Trace values by hand and a trace log, shared by the test targets.
        .target(name: "NNTestSupport", dependencies: ["NNCore"], path: "Tests/NNTestSupport"),
        .testTarget(name: "NNCoreTests", dependencies: ["NNCore", "NNTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "NNRenderTests", dependencies: ["NNRender", "NNCore", "NNTestSupport"]),
        .testTarget(name: "NNPlainTests", dependencies: ["NNPlain", "NNCore", "NNRender", "NNLessons", "NNFormat", "NNTestSupport"]),
        .testTarget(name: "NNLessonsTests", dependencies: ["NNLessons", "NNCore", "NNTestSupport"]),
        .testTarget(name: "NNAppTests", dependencies: ["NNApp", "NNRender", "NNCore", "NNLessons", "NNTestSupport"], exclude: ["Golden"]),
        // Runs the built binary; depending on the executable makes `swift test` build it.
        .testTarget(name: "NNTutorCLITests", dependencies: ["nn-tutor", "NNTestSupport"], exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
