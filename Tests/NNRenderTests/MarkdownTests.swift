import Foundation
import NNCore
import NNRender
import XCTest

/// Lesson Markdown: parsing, the no-break wrapping rules, styles, plain text. Every expected line
/// is written by hand from the rule it checks.
final class MarkdownTests: XCTestCase {
    /// The laid-out text of `markdown` at `width`.
    func lines(_ markdown: String, _ width: Int, ascii: Bool = false) -> [String] {
        MarkdownLayout(markdown: markdown, width: width, ascii: ascii).text
    }

    /// The runs of every line, flattened, with each run's kind: to check styles without positions.
    func runs(_ markdown: String, _ width: Int = 80) -> [StyledRun] {
        MarkdownLayout(markdown: markdown, width: width).lines.flatMap { $0 }
    }

    // MARK: Code spans

    func testCodeSpanIsLiteralAndStyledWithoutBackticks() {
        XCTAssertEqual(runs("The notebook sets `learn_rate = 10**-3`."), [
            StyledRun("The notebook sets "), StyledRun("‘learn_rate = 10**-3’", .code), StyledRun("."),
        ])
        // The same outside a code span: "**" that closes nothing stays literal.
        XCTAssertEqual(lines("10**-3 stays", 80), ["10**-3 stays"])
    }

    func testDatasetNamesInCodeStayNames() {
        XCTAssertEqual(runs("learned `or`, `and` and `nand`."), [
            StyledRun("learned "), StyledRun("‘or’", .code), StyledRun(", "), StyledRun("‘and’", .code),
            StyledRun(" and "), StyledRun("‘nand’", .code), StyledRun("."),
        ])
        XCTAssertEqual(MarkdownText.plain("learned `or`, `and` and `nand`.", width: 80), ["learned ‘or’, ‘and’ and ‘nand’."])
        XCTAssertEqual(MarkdownText.plain("learned `or`.", width: 80, ascii: true), ["learned 'or'."])
    }

    func testCodeSpanEdgeCases() {
        // No closing run of the same length: the backticks are text.
        XCTAssertEqual(lines("one ` tick", 80), ["one ` tick"])
        XCTAssertEqual(lines("a ``c` b", 80), ["a ``c` b"])
        // A longer fence holds a backtick; one space each side is dropped.
        XCTAssertEqual(runs("``a`b`` and `` `x` ``"), [
            StyledRun("‘a`b’", .code), StyledRun(" and "), StyledRun("‘`x`’", .code),
        ])
        // Emphasis markers inside code are literal; code inside emphasis is code.
        XCTAssertEqual(runs("`*x*` and *see `y` here*"), [
            StyledRun("‘*x*’", .code), StyledRun(" and "), StyledRun("see ", .emphasis), StyledRun("‘y’", .code),
            StyledRun(" here", .emphasis),
        ])
    }

    // MARK: Emphasis and escapes

    func testEmphasisAndStrongLoseTheirMarkers() {
        XCTAssertEqual(runs("*raise* or _lower_, **sum** and ***both***"), [
            StyledRun("raise", .emphasis), StyledRun(" or "), StyledRun("lower", .emphasis), StyledRun(", "),
            StyledRun("sum", .strong), StyledRun(" and "), StyledRun("both", .strongEmphasis),
        ])
        XCTAssertEqual(runs("**The fix:** `return -2 * x`"), [
            StyledRun("The fix:", .strong), StyledRun(" "), StyledRun("‘return -2 * x’", .code),
        ])
        XCTAssertEqual(runs("*a **b** c*"), [
            StyledRun("a ", .emphasis), StyledRun("b", .strongEmphasis), StyledRun(" c", .emphasis),
        ])
    }

    func testLoneStarsInMathsStayLiteral() {
        XCTAssertEqual(runs("a * b, 2*3 and 2*3*4 and y_true - y_hat"), [StyledRun("a * b, 2*3 and 2*3*4 and y_true - y_hat")])
        XCTAssertEqual(runs("**unclosed and *open"), [StyledRun("**unclosed and *open")])
        // CommonMark's flanking: a star before a space does not open.
        XCTAssertEqual(runs("x* y *z"), [StyledRun("x* y *z")])
    }

    func testBackslashEscapes() {
        XCTAssertEqual(runs(##"\*not\* \`code\` \\ \q \# 5"##), [StyledRun(##"*not* `code` \ \q # 5"##)])
        XCTAssertEqual(lines(#"\- not an item"#, 80), ["- not an item"])
        XCTAssertEqual(lines(##"\# not a heading"##, 80), ["# not a heading"])
    }

    // MARK: Paragraphs, headings, lists

    func testParagraphLinesJoinAndBlankLinesSeparate() {
        XCTAssertEqual(lines("one\n  two\n\n\n\nthree\n", 80), ["one two", "", "three"])
        XCTAssertEqual(lines("\n\n  one  \n\n", 80), ["one"])
        XCTAssertEqual(lines("a\r\nb\r\n\r\nc", 80), ["a b", "", "c"])
    }

    func testHeadingsAreBold() {
        XCTAssertEqual(runs("# The loss ##\nText"), [StyledRun("The loss", .heading), StyledRun("Text")])
        XCTAssertEqual(runs("## One `or` run"), [StyledRun("One ", .heading), StyledRun("‘or’", .code), StyledRun(" run", .heading)])
        XCTAssertEqual(runs("Setext\n===\n#5 is no heading"), [StyledRun("Setext", .heading), StyledRun("#5 is no heading")])
        XCTAssertEqual(lines("above\n\n***\nbelow", 6), ["above", "", "──────", "below"])
    }

    func testNumberMidParagraphIsNotAListItem() {
        XCTAssertEqual(lines("The loss after\n612. epochs is small.", 80), ["The loss after 612. epochs is small."])
        XCTAssertEqual(lines("Lowest at epoch\n2) then it rises.", 80), ["Lowest at epoch 2) then it rises."])
        // An ordered list starting at 1 may interrupt a paragraph, and so may a bullet.
        XCTAssertEqual(lines("Steps:\n1. forward\n2. backward\n- and a bullet", 80),
                       ["Steps:", "1. forward", "2. backward", "• and a bullet"])
        // After a blank line any number starts a list.
        XCTAssertEqual(lines("Then:\n\n612. epochs", 80), ["Then:", "", "612. epochs"])
    }

    func testBulletContinuationLinesHangUnderTheText() {
        let markdown = """
            - W is perpendicular to the line and points towards the side where ŷ > 0.5.
            * short
            + lazy
            continuation
            """
        XCTAssertEqual(lines(markdown, 38), [
            "• W is perpendicular to the line and",
            "  points towards the side where",
            "  ŷ > 0.5.",
            "• short",
            "• lazy continuation",
        ])
        XCTAssertEqual(lines("- one two three", 9, ascii: true), ["- one two", "  three"])
    }

    func testOrderedItemsCountOnAndHangUnderTheirText() {
        XCTAssertEqual(lines("1. a\n1. b\n1. c", 80), ["1. a", "2. b", "3. c"])
        XCTAssertEqual(lines("9) nine ten\n9) ten", 8), ["9) nine", "   ten", "10) ten"])
    }

    func testNestedListsAndItemParagraphs() {
        let markdown = """
            - outer item
              1. inner one wraps
                 - deepest
              2. inner two

              more of the outer item

            after the list
            """
        XCTAssertEqual(lines(markdown, 18), [
            "• outer item",
            "  1. inner one",
            "     wraps",
            "     • deepest",
            "  2. inner two",
            "",
            "  more of the",
            "  outer item",
            "",
            "after the list",
        ])
        let runs = MarkdownLayout(markdown: "- a\n\n  b", width: 10).lines
        XCTAssertEqual(runs, [[StyledRun("• a")], [], [StyledRun("  b")]])
    }

    func testEmptyListItemShowsItsMarker() {
        XCTAssertEqual(lines("-\n- b", 10), ["•", "• b"])
    }

    // MARK: No-break rules

    func testSquaredErrorIsNotBroken() {
        // Without the rule: "the squared error (y" / "− ŷ)² of one sample".
        XCTAssertEqual(lines("the squared error (y − ŷ)² of one sample", 20), ["the squared error", "(y − ŷ)² of one", "sample"])
    }

    func testVectorIsNotBroken() {
        // Without the rule: "so the gradient is (0," / "−0.1624) here".
        XCTAssertEqual(lines("so the gradient is (0, −0.1624) here", 24), ["so the gradient is", "(0, −0.1624) here"])
    }

    func testAssignmentIsNotBroken() {
        // Without the rule: "the target is y" / "= 1 for this" / "point".
        XCTAssertEqual(lines("the target is y = 1 for this point", 15), ["the target is", "y = 1 for this", "point"])
        // Nor after the sign: "the target is y =" / "1 ...".
        XCTAssertEqual(lines("the target is y = 1 here", 17), ["the target is", "y = 1 here"])
    }

    func testInequalityIsNotBroken() {
        // Without the rule: "inputs with w·x >" / "−b are on the 1" / "side".
        XCTAssertEqual(lines("inputs with w·x > −b are on the 1 side", 18), ["inputs with", "w·x > −b are on", "the 1 side"])
        XCTAssertEqual(lines("all a₁[i] ≥ 0.5 and a ← b", 11), ["all", "a₁[i] ≥ 0.5", "and a ← b"])
    }

    func testBinaryOperatorsHoldButProseParenthesesWrap() {
        XCTAssertEqual(lines("then SSE / n and a * b", 11), ["then", "SSE / n and", "a * b"])
        // "lesson" makes this aside prose: it wraps like any text.
        XCTAssertEqual(lines("(see lesson 9 for the boundary)", 12), ["(see lesson", "9 for the", "boundary)"])
        // An em dash is punctuation, not an operator.
        XCTAssertEqual(lines("the loss — summed", 9), ["the loss", "— summed"])
    }

    func testFormulaWiderThanTheLineBreaksBeforeRelationsFirst() {
        let formula = "∂L/∂W = ∂L/∂ŷ · ∂ŷ/∂z = (0, −0.1624)"
        XCTAssertEqual(lines(formula, 20), ["∂L/∂W", "= ∂L/∂ŷ · ∂ŷ/∂z", "= (0, −0.1624)"])
        // Narrower: then before "·", and the vector stays whole.
        XCTAssertEqual(lines(formula, 12), ["∂L/∂W", "= ∂L/∂ŷ", "· ∂ŷ/∂z =", "(0, −0.1624)"])
        // A single word wider than the line is cut.
        XCTAssertEqual(lines("abcdefghij xy", 4), ["abcd", "efgh", "ij", "xy"])
    }

    func testCodeSpanFormulasHoldToo() {
        // Without the rule: "call ‘randint(0, 2," / "size=2)’ now". Quoted, the span is 23 columns,
        // so " now" goes to the next line.
        XCTAssertEqual(lines("call `randint(0, 2, size=2)` now", 25), ["call", "‘randint(0, 2, size=2)’", "now"])
    }

    // MARK: Tables

    func testAPipeTableIsAlignedLikeCode() {
        let table = """
            Slopes:

            | activation | ∂a/∂z | largest |
            |---|:---:|---|
            | `sigmoid` | a(1 − a) | 0.25 |
            | ReLU | 1 if z > 0, else 0 | 1 |
            """
        // Columns as wide as their widest cell ("activation" 10, "1 if z > 0, else 0" 18, "largest" 7),
        // two spaces apart; code quoted; a rule under the header.
        XCTAssertEqual(lines(table, 60), [
            "Slopes:",
            "",
            "activation  ∂a/∂z               largest",
            "──────────  ──────────────────  ───────",
            "‘sigmoid’   a(1 − a)            0.25",
            "ReLU        1 if z > 0, else 0  1",
        ])
        // Without a delimiter row it is a paragraph, as "|z| = 3" text is.
        XCTAssertEqual(lines("|z| = 3 and\n|y| = 2", 60), ["|z| = 3 and |y| = 2"])
    }

    // MARK: Code blocks

    /// A code line wider than the panel goes on over the next lines, 2 columns in, broken at a
    /// space in its second half or else at the width: every character is still shown.
    func testFencedCodeWrapsLinesWiderThanTheWidth() {
        let markdown = """
            Before:
            ```python
            def loss_deriv(y, y_hat):
            \treturn 2 * (y - y_hat)

              *not emphasis*
            ```
            ~~~
            ```
            ~~~
            after
            """
        let layout = MarkdownLayout(markdown: markdown, width: 16)
        XCTAssertEqual(layout.text, [
            "Before:",
            "def loss_deriv(y",  // its only space is in the first half: cut at 16
            "  , y_hat):",
            "    return 2 *",  // broken at the space before "(y"
            "  (y - y_hat)",
            "",
            "  *not emphasis*",
            "```",
            "after",
        ])
        XCTAssertEqual(layout.lines[1], [StyledRun("def loss_deriv(y", .codeBlock)])
        // Inside a list item the fence and its lines hang under the item's text.
        XCTAssertEqual(lines("- item\n  ```\n  x = 1\n   y\n  ```\nafter", 20), ["• item", "  x = 1", "   y", "after"])
        // An unclosed fence runs to the end.
        XCTAssertEqual(lines("~~~~\na\n~~~\n b", 10), ["a", "~~~", " b"])
    }

    // MARK: Degenerate input

    func testEmptyInputAndDegenerateWidths() {
        XCTAssertEqual(lines("", 10), [])
        XCTAssertEqual(lines("   \n\n \t ", 10), [])
        XCTAssertEqual(lines("text", 0), [])
        XCTAssertEqual(lines("text", -5), [])
        XCTAssertEqual(MarkdownText.plain("text", width: 0), [])
        XCTAssertEqual(lines("ab (y − ŷ)²", 1), ["a", "b", "(", "y", "−", "ŷ", ")", "²"])
        // No room for a hanging indent: the marker becomes the first word.
        XCTAssertEqual(lines("- ab\n  1. cd", 2), ["•", "ab", "1.", "cd"])
        XCTAssertEqual(lines("```\ncode\n```", 1), ["c", "o", "d", "e"])  // too narrow to indent what goes on
    }

    func testEveryLessonFitsEveryWidth() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".md") }
        XCTAssertGreaterThan(names.count, 8)
        for name in names {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            let document = MarkdownDocument(text)
            for ascii in [false, true] {
                for width in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89] {
                    for line in MarkdownLayout(document, width: width, ascii: ascii).text {
                        XCTAssertLessThanOrEqual(line.count, width, "\(name) at \(width): \(line)")
                        XCTAssertFalse(line.hasSuffix(" "), "\(name) at \(width): trailing space in \(line)")
                        // (The README's code blocks show Markdown, backticks and all.)
                        if name != "README.md" { XCTAssertFalse(line.contains("`"), "\(name) at \(width): backtick in \(line)") }
                        if ascii { XCTAssertTrue(line.allSatisfy(\.isASCII), "\(name): \(line)") }
                    }
                }
            }
            // The ASCII layout says what ASCIIFallback says, piece for piece.
            // (A rule is drawn with "-" under ASCII, where ASCIIFallback would give "?".)
            let expected = MarkdownText.plain(text, width: 1000).map { line in
                line.allSatisfy { $0 == "─" } ? String(repeating: "-", count: line.count) : ASCIIFallback.transliterate(line)
            }
            XCTAssertEqual(MarkdownText.plain(text, width: 1000, ascii: true), expected, name)
        }
    }

    // MARK: ASCII and wide glyphs

    func testASCIIModeTransliteratesAndCountsTheNewWidths() {
        XCTAssertEqual(lines("W ← W − η·∂L/∂W, so yᵢ and (y − ŷ)²", 80, ascii: true),
                       ["W <- W - lr*dL/dW, so y_i and (y - y_hat)^2"])
        // "(y − ŷ)²" is 8 columns in Unicode but 13 in ASCII, so it moves to its own line.
        XCTAssertEqual(lines("one two (y − ŷ)²", 16, ascii: true), ["one two", "(y - y_hat)^2"])
        XCTAssertEqual(lines("one two (y − ŷ)²", 16), ["one two (y − ŷ)²"])
    }

    func testWideGlyphsTakeOneColumnAsQuestionMarks() {
        XCTAssertEqual(lines("漢字 ok 🙂", 80), ["?? ok ?"])
        XCTAssertEqual(MarkdownText.plain("漢字 ok", width: 80), ["漢字 ok"])
    }

    // MARK: Styles and drawing

    func testThemesDrawCodeApart() {
        let layout = MarkdownLayout(markdown: "*a* `or` **b**", width: 10)
        var mono = Buffer(width: 12, height: 2, fill: Cell("~"))
        layout.draw(into: &mono, area: Rect(x: 1, y: 0, width: 10, height: 2), styles: .monochrome)
        // The code span is quoted, ‘or’, so it stays a name even where its style does not show.
        XCTAssertEqual(mono.lines, ["~a ‘or’ b~~~", "~~~~~~~~~~~~"])
        XCTAssertEqual(mono[1, 0].style, .bold)
        XCTAssertEqual(mono[2, 0].style, .plain)
        for x in 3...6 { XCTAssertEqual(mono[x, 0].style, Style(underline: true), "column \(x)") }
        XCTAssertEqual(mono[8, 0].style, .bold)

        var color = Buffer(width: 10, height: 1)
        layout.draw(into: &color, area: color.area, styles: .theme(color: true))
        XCTAssertEqual(color[0, 0].style, Style(underline: true))
        XCTAssertEqual(color[2, 0].style, Style(foreground: .cyan))
        XCTAssertEqual(color[7, 0].style, .bold)
        XCTAssertEqual(MarkdownStyles.theme(color: false), .monochrome)
        XCTAssertEqual(layout.segments(of: 0, styles: .color).map(\.text), ["a", " ", "‘or’", " ", "b"])
        XCTAssertEqual(layout.segments(of: 1, styles: .color).count, 0)
    }

    func testDrawingScrollsAndClips() {
        let layout = MarkdownLayout(markdown: "one two three four", width: 5)
        XCTAssertEqual(layout.text, ["one", "two", "three", "four"])
        var buffer = Buffer(width: 4, height: 2, fill: Cell("~"))
        layout.draw(into: &buffer, area: Rect(x: 0, y: 0, width: 4, height: 2), from: 2, styles: .monochrome)
        XCTAssertEqual(buffer.lines, ["thre", "four"])
        var tiny = Buffer(width: 2, height: 2, fill: Cell("~"))
        layout.draw(into: &tiny, area: Rect(x: 5, y: 5, width: 3, height: 3), styles: .monochrome)
        layout.draw(into: &tiny, area: Rect(x: 0, y: 0, width: 0, height: 0), from: -3, styles: .monochrome)
        XCTAssertEqual(tiny.lines, ["~~", "~~"])
    }

    // MARK: Plain text

    func testPlainTextForHandouts() {
        let markdown = """
            ## Fix

            The **fix:** use `-2 * (y - y_hat)`, *not*
            `2 * (y - y_hat)`:
            - the sign of
              (y − ŷ)² matters

            ```
            x = 1
            ```
            """
        XCTAssertEqual(MarkdownText.plain(markdown, width: 24), [
            "Fix",
            "",
            "The fix: use",
            "‘-2 * (y - y_hat)’, not",
            "‘2 * (y - y_hat)’:",
            "- the sign of (y − ŷ)²",
            "  matters",
            "",
            "x = 1",
        ])
    }

    func testFlattenGivesOneLine() {
        XCTAssertEqual(MarkdownText.flatten("# Title\n\nOne `or`\ntwo *x*.\n\n- a\n1. b\n\n```\nc  d\n```"),
                       "Title One ‘or’ two x. - a 1. b c d")
        XCTAssertEqual(MarkdownText.flatten(""), "")
    }

    // MARK: Parsing

    func testDocumentBlocks() {
        let document = MarkdownDocument("# H\ntext *x*\n\n- a\n  1. b\n```\nk\n```\n---")
        XCTAssertEqual(document.blocks, [
            .heading([StyledRun("H")], level: 1, depth: 0),
            .paragraph([StyledRun("text "), StyledRun("x", .emphasis)], depth: 0),
            .blank,
            .listItem(.bullet, [StyledRun("a")], depth: 0),
            .listItem(.ordered(1, delimiter: "."), [StyledRun("b")], depth: 1),
            .codeBlock(["k"], depth: 0),
            .rule(depth: 0),
        ])
    }

    // MARK: Speed

    /// A lesson narrative of about 2 KB, as the panel lays it out on every frame.
    static let narrative = """
        δ₁ = (W₂ δ₂) ⊙ σ′(z₁) = (0.0123, −0.0456). This is the chain rule, read from the output back to each
        hidden unit, and `or`, `and` and `nand` are learned the same way:

        - δ₂ = ∂L/∂z₂ comes back along the edge from unit i to the output;
        - it is multiplied by that edge's weight W₂[i] = ∂z₂/∂a₁[i];
        - then by σ′(z₁[i]) = ∂a₁[i]/∂z₁[i], through unit i's sigmoid.

        ⊙ multiplies element by element, so each unit gets its own δ from its own edge. The W₂ used here is the
        one from the forward pass, (−1.2345, −0.9876), not the one the update will make. Both of its weights are
        negative, and so is δ₂, so both δ₁ are positive. Lowering either hidden sum would raise ŷ toward its target.

        ∂L/∂W₁ = δ₁ xᵀ = ((0, 0.0123), (0, −0.0456)). It is the same rule once more: the δ of the neuron a weight
        feeds, times the input the weight carries. δ₁ has N numbers and x has 2, so their outer product is N × 2,
        the shape of W₁. Here x₁ = 0, so the weights from x₁ get no gradient and do not move this step. The
        biases get ∂L/∂b₁ = δ₁ = (0.0123, −0.0456). The notebook sets `learn_rate = 10**-3`, and **the fix** is
        `return -2 * (y_true - y_hat)`: with it the loss after 1000 epochs is 0.0054 and *every* point is right.
        For one sample the loss is the squared error (y − ŷ)². Here x = (0, 1), y = 1, ŷ = 0.4321, so
        (y − ŷ)² = 0.3225. Squaring makes every error count positively and punishes big misses most. At the end
        of the epoch the tutor adds the four samples' losses, as the notebook's Σ does: 1.2699.

        1. Lesson 3 took the chain rule through one neuron. A hidden layer makes the chain longer, so the
           bookkeeping uses one number per neuron, its **δ**.
        2. A neuron's δ is ∂L/∂z, how the loss changes with that neuron's weighted sum: Σᵢ (yᵢ − ŷᵢ)² / n.
        3. Once a neuron's δ is known, the gradient of each weight into it is that δ times the input the
           weight carries, so W ← W − η·∂L/∂W with η = 0.5 moves each weight against its gradient.
        """

    func testLayoutOfANarrativeIsFast() {
        XCTAssertGreaterThan(Self.narrative.utf8.count, 2000)
        let clock = ContinuousClock()
        for ascii in [false, true] {
            var best = Duration.seconds(1)
            for _ in 0..<30 {
                let start = clock.now
                let layout = MarkdownLayout(markdown: Self.narrative, width: 80, ascii: ascii)
                best = min(best, clock.now - start)
                XCTAssertFalse(layout.lines.isEmpty)
            }
            #if DEBUG
            let limit = Duration.milliseconds(30)  // unoptimised: only catches a runaway
            #else
            let limit = Duration.milliseconds(1)
            #endif
            XCTAssertLessThan(best, limit, "parse + layout, ascii \(ascii)")
        }
    }

    func testPathologicalInputStaysLinear() {
        let clock = ContinuousClock()
        let start = clock.now
        let text = String(repeating: "` * _ ( [ ** a *b _c d* e_ a* f** ", count: 1000)
        XCTAssertFalse(MarkdownLayout(markdown: text, width: 40).lines.isEmpty)
        XCTAssertLessThan(clock.now - start, .seconds(5))
    }
}

final class MarkdownCommandTests: XCTestCase {
    /// A command too wide for the paper: displayed on lines of its own, each within the width,
    /// and a shell that joins the " \" continuations gets exactly the command back.
    func testAWideCommandBreaksAsAShellReadsIt() {
        let command = "nn-tutor --compare mode=notebook,mode=corrected --dataset notebook --lr 0.001 --epochs 3000"
        let lines = MarkdownText.plain("Compare them with `\(command)`. Then read on.", width: 40, wholeCode: true)
        XCTAssertEqual(lines, [
            "Compare them with",
            "nn-tutor --compare \\",
            "  mode=notebook,mode=corrected \\",
            "  --dataset notebook --lr 0.001 \\",
            "  --epochs 3000",
            "Then read on.",
        ])
        let joined = lines[1...4].map { $0.hasSuffix(" \\") ? String($0.dropLast(2)) : $0 }
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        XCTAssertEqual(joined, command)
        XCTAssertTrue(lines.allSatisfy { $0.count <= 40 }, "\(lines)")
    }

    /// One that fits stays in the sentence, bare (a command is copied, so it has no quotes) where
    /// another code span is quoted; without `wholeCode` (the panel) nothing is displayed apart.
    func testACommandThatFitsStaysInTheSentence() {
        XCTAssertEqual(MarkdownText.plain("Run `nn-tutor --dataset or` on `or` now.", width: 60, wholeCode: true),
                       ["Run nn-tutor --dataset or on ‘or’ now."])
        let panel = MarkdownText.plain("Run `nn-tutor --compare lr=0.001,lr=0.5 --dataset or` now.", width: 30)
        XCTAssertFalse(panel.contains { $0.hasSuffix("\\") }, "\(panel)")
    }
}
