import NNCore
import NNRender
import XCTest

final class SparklineWidgetTests: XCTestCase {
    func testEightValuesRiseOneEighthAColumn() {
        // Heights are 1 + round(t·7) eighths with t = k/7, so value k gets the (k+1)-th block.
        let widget = SparklineWidget(values: [0, 1, 2, 3, 4, 5, 6, 7])
        let buffer = render(widget, width: 10, height: 3, area: Rect(x: 1, y: 1, width: 8, height: 1))
        assertLines(buffer, ["~~~~~~~~~~", "~▁▂▃▄▅▆▇█~", "~~~~~~~~~~"])
    }

    func testLabelsUnderTheBars() {
        // 0.5 sits at t = 0.4946/1.2645 = 0.391 of the range: 1 + round(2.74) = 4 eighths.
        let widget = SparklineWidget(values: [1.2699, 0.5, 0.0054])
        let buffer = render(widget, width: 40, height: 2, area: Rect(x: 0, y: 0, width: 40, height: 2))
        assertLines(buffer, [
            "█▄▁                                     ",
            "first 1.2699  min 0.0054  now 0.0054    ",
        ])
    }

    func testShortLabelWhenNarrow() {
        let widget = SparklineWidget(values: [1.2699, 0.5, 0.0054])
        let buffer = render(widget, width: 22, height: 2, area: Rect(x: 0, y: 0, width: 22, height: 2))
        assertLines(buffer, [
            "█▄▁                   ",
            "min 0.0054  now 0.0054",
        ])
    }

    func testASCIIStacksLevelsOverTwoRows() {
        // Two bar rows of six levels: 12 units; heights 1 + round(k/3 · 11) = 1, 5, 8, 12.
        let widget = SparklineWidget(values: [0, 1, 2, 3], ascii: true)
        let buffer = render(widget, width: 23, height: 5, area: Rect(x: 1, y: 1, width: 21, height: 3))
        assertLines(buffer, [
            "~~~~~~~~~~~~~~~~~~~~~~~",
            "~  .#                 ~",
            "~_*##                 ~",
            "~first 0  min 0  now 3~",
            "~~~~~~~~~~~~~~~~~~~~~~~",
        ])
    }

    func testMoreValuesThanColumnsAreAveraged() {
        // Pairs average to 1, 5, 1, 3: t = 0, 1, 0, 0.5 → 1, 8, 1, 1 + round(3.5) = 5 eighths.
        let widget = SparklineWidget(values: [0, 2, 4, 6, 1, 1, 3, 3])
        let buffer = render(widget, width: 4, height: 1, area: Rect(x: 0, y: 0, width: 4, height: 1))
        assertLines(buffer, ["▁█▁▅"])
    }

    func testConstantValuesDrawHalfHeight() {
        let widget = SparklineWidget(values: [2, 2, 2])
        let buffer = render(widget, width: 5, height: 1, area: Rect(x: 0, y: 0, width: 5, height: 1))
        assertLines(buffer, ["▄▄▄  "])
    }

    func testNonFiniteValuesDrawTheMarker() {
        let widget = SparklineWidget(values: [1, .nan, 3, .infinity])
        let buffer = render(widget, width: 30, height: 2, area: Rect(x: 0, y: 0, width: 30, height: 2))
        assertLines(buffer, [
            "▁!█!                          ",
            "first 1  min 1  now Infinity  ",
        ])
        let allNaN = render(SparklineWidget(values: [.nan], ascii: true), width: 3, height: 1,
                            area: Rect(x: 0, y: 0, width: 3, height: 1))
        assertLines(allNaN, ["!  "])
    }

    func testNoEpochYet() {
        let buffer = render(SparklineWidget(values: []), width: 26, height: 4, area: Rect(x: 1, y: 1, width: 24, height: 2))
        assertLines(buffer, [
            "~~~~~~~~~~~~~~~~~~~~~~~~~~",
            "~no epoch completed yet  ~",
            "~                        ~",
            "~~~~~~~~~~~~~~~~~~~~~~~~~~",
        ])
        let narrow = render(SparklineWidget(values: []), width: 8, height: 1, area: Rect(x: 0, y: 0, width: 8, height: 1))
        assertLines(narrow, ["no epoc…"])
    }

    func testTinyAreas() {
        assertSafeInTinyAreas(SparklineWidget(values: [1, 2, 3]))
        assertSafeInTinyAreas(SparklineWidget(values: []))
        assertSafeInTinyAreas(SparklineWidget(values: [.nan, -.infinity], ascii: true))
        // 1×1: two values average into one column, a range of one value: half height.
        let one = render(SparklineWidget(values: [1, 2]), width: 3, height: 3, area: Rect(x: 1, y: 1, width: 1, height: 1))
        assertLines(one, ["~~~", "~▄~", "~~~"])
    }

    func testHugeValuesDoNotOverflow() {
        let widget = SparklineWidget(values: [-Double.greatestFiniteMagnitude, Double.greatestFiniteMagnitude])
        let buffer = render(widget, width: 2, height: 1, area: Rect(x: 0, y: 0, width: 2, height: 1))
        assertLines(buffer, ["▁█"])
    }

    func testNarrowAreasStillShowFirstMinAndNow() {
        // "first 1.2699  min 0.0117" is 24 characters: too wide for 20, so the labels take three rows.
        var buffer = Buffer(width: 20, height: 6)
        SparklineWidget(values: [1.2699, 0.5, 0.0117]).render(into: &buffer, area: buffer.area)
        XCTAssertEqual(Array(buffer.lines.suffix(3)), [
            "first 1.2699        ",
            "min 0.0117          ",
            "now 0.0117          ",
        ])
        // 26 wide: first and min share a row, now goes below.
        var wider = Buffer(width: 26, height: 6)
        SparklineWidget(values: [1.2699, 0.5, 0.0117]).render(into: &wider, area: wider.area)
        XCTAssertEqual(Array(wider.lines.suffix(2)), ["first 1.2699  min 0.0117  ", "now 0.0117                "])
        // Too short to keep two rows of bars: the one-line short form.
        var short = Buffer(width: 20, height: 3)
        SparklineWidget(values: [1.2699, 0.5, 0.0117]).render(into: &short, area: short.area)
        // Candidates are 36, 34, 22 and 10 characters: only "now 0.0117" fits 20.
        XCTAssertEqual(short.line(2), "now 0.0117          ")
    }

    func testTrainAndTestInAShortPanel() {
        // Under 6 rows: a row per curve, "name bars now value". Train 1, 0.5, 0 (bars full, half,
        // lowest: 1 + round(t·7) eighths, t = 1, 0.5, 0 → █ ▅ ▁) and test 0, 0, 1 (▁ ▁ █).
        let train = SparklineWidget.Curve(series: EpochSeries([1, 0.5, 0]), prefix: 3, name: "train")
        let test = SparklineWidget.Curve(series: EpochSeries([0, 0, 1]), prefix: 3, name: "test")
        let buffer = render(SparklineWidget(curves: [train, test]), width: 20, height: 3, area: Rect(x: 0, y: 0, width: 20, height: 3))
        XCTAssertEqual(buffer.lines[0], "train █▅▁      now 0")  // 20 − "train " − " now 0" = 8 bar columns
        // "test" padded to "train"'s width: epoch k of both in the same column.
        XCTAssertEqual(buffer.lines[1], "test  ▁▁█      now 1")
        XCTAssertEqual(buffer.lines[2], String(repeating: " ", count: 20))
    }

    func testASharedScaleDrawsTheSmallerLossLower() {
        // Run A falls 1 → 0.5, run B 0.5 → 0 (hand-worked): on their own scales both draw █ then ▁.
        // On the shared scale 0…1 (t = v/1, height 1 + round(7t) eighths): A is █ ▅ (0.5 → 1 + 4),
        // B is ▅ ▁.
        let a = SparklineWidget.Curve(series: EpochSeries([1, 0.5]), prefix: 2)
        let b = SparklineWidget.Curve(series: EpochSeries([0.5, 0]), prefix: 2)
        XCTAssertEqual(SparklineWidget.sharedScale([a, b], width: 8), 0...1)
        let area = Rect(x: 0, y: 0, width: 2, height: 1)
        assertLines(render(SparklineWidget(curves: [a]), width: 2, height: 1, area: area), ["█▁"])
        assertLines(render(SparklineWidget(curves: [a], scale: 0...1), width: 2, height: 1, area: area), ["█▅"])
        assertLines(render(SparklineWidget(curves: [b], scale: 0...1), width: 2, height: 1, area: area), ["▅▁"])
        XCTAssertNil(SparklineWidget.sharedScale([SparklineWidget.Curve(series: EpochSeries([Double.nan]), prefix: 1)], width: 4))
    }
}
