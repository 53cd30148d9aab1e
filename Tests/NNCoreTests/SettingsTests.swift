import XCTest
@testable import NNCore

/// One table reads every setting, so the command line, lessons and --compare accept the same values.
final class SettingsTests: XCTestCase {
    func apply(_ key: String, _ value: String) -> (SetupDraft, String?) {
        var draft = SetupDraft()
        let problem = Settings.named(key)?.apply(value, to: &draft, named: key)
        return (draft, problem)
    }

    func testNumbersAreDecimalsWithAnyMinus() {
        XCTAssertEqual(apply("lr", "1e-3").0.learningRate, 0.001)
        XCTAssertEqual(apply("lr", " 0.5 ").0.learningRate, 0.5)
        for bad in ["0", "-1", "0x1p-3", "nan", "inf", "", "1,5", "abc"] {
            XCTAssertNotNil(apply("lr", bad).1, bad)
        }
        XCTAssertEqual(apply("noise", "0").0.noise, 0)
        XCTAssertEqual(apply("init", "−1, 0.5, 0").0.initialParameters, [-1, 0.5, 0])
        XCTAssertEqual(apply("lr", "").1, "lr is empty: a number greater than 0, such as 0.5 or 1e-3")
        XCTAssertEqual(apply("lr", "0").1, "bad lr '0': a number greater than 0, such as 0.5 or 1e-3")
    }

    func testWordsIgnoreCaseAndNoneMeansNone() {
        XCTAssertEqual(apply("activation", "ReLU").0.activation, .relu)
        XCTAssertEqual(apply("dataset", "MOONS").0.dataset, .generated(.moons))
        XCTAssertEqual(apply("hidden", "none").0.hidden, [])
        XCTAssertEqual(apply("hidden", "4, 4").0.hidden, [4, 4])
        XCTAssertEqual(apply("bugs", "none").0.bugs, [])
        XCTAssertEqual(apply("batch", "full").0.batch, .full)
        XCTAssertEqual(apply("batch", "1").0.batch, .one)
        XCTAssertEqual(apply("batch", "4").0.batch, .of(4))
        for bad in ["0", "17", "4,4,4,4,4", "4,,4", "x"] { XCTAssertNotNil(apply("hidden", bad).1, bad) }
        XCTAssertEqual(apply("bugs", "sign, sign").0.duplicates, ["sign"])
    }

    func testSettingsThatDoNotGoTogether() {
        func build(_ pairs: [(String, String)]) -> String? {
            var draft = SetupDraft()
            for (k, v) in pairs { XCTAssertNil(Settings.named(k)?.apply(v, to: &draft, named: k)) }
            if case .failure(let e) = draft.build(naming: { "--" + $0 }) { return e.message }
            return nil
        }
        XCTAssertEqual(build([("activation", "tanh")]),
                       "--activation sets the hidden layers' activation, and there is no hidden layer: add --hidden N (the single neuron's output is always a sigmoid)")
        XCTAssertNotNil(build([("loss", "cross-entropy"), ("mode", "notebook")])?.contains("squared-error code"))
        XCTAssertNotNil(build([("loss", "cross-entropy"), ("bugs", "sign")]))
        XCTAssertNil(build([("loss", "cross-entropy"), ("hidden", "3"), ("activation", "relu")]))
        XCTAssertEqual(build([("hidden", "2"), ("init", "1,2,3")]),
                       "--init has 3 numbers, and a 2-2-1 network has 9 parameters: W1 (2×2), b1 (2), W2 (1×2), b2 (1), in that order")
        XCTAssertNotNil(build([("noise", "0.2")]))
        XCTAssertNil(build([("dataset", "moons"), ("noise", "0.2")]))
    }
}
