/// The starting file `nn-tutor lesson new NAME` writes: a short lesson that passes `lesson check`
/// as written, with comments (never shown to a learner) on what each part is for.
public enum LessonTemplate {
    /// Why `name` cannot name a new lesson, or nil when it can. The name becomes the file name
    /// (`NAME.md`) and the lesson's id, so it follows the id rules, and it may be neither a built-in
    /// id nor the id of one of `yours` (the course folder's lessons and those beside the new file):
    /// of two lessons with one id, the course leaves the later file out.
    public static func problem(with name: String, builtIn: [Lesson], yours: [Lesson] = []) -> String? {
        guard LessonIDRules.isValid(name) else {
            return "lesson name '\(name)' must be lowercase letters, digits and hyphens, starting with a letter or digit (it is the file's name and the lesson's id), e.g. my-lesson"
        }
        if let index = builtIn.firstIndex(where: { $0.id == name }) {
            return "'\(name)' is the id of built-in lesson \(index + 1); choose another name"
        }
        if let existing = yours.first(where: { $0.id == name }) {
            return "'\(name)' is already the id of \(existing.path); choose another name (of two lessons with one id, the course leaves the later file out)"
        }
        return nil
    }

    /// "my-first-lesson" → "My first lesson".
    public static func title(for name: String) -> String {
        let words = name.replacing("-", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The file's text for a lesson named `name` (already checked with `problem(with:builtIn:)`).
    public static func text(name: String) -> String {
        """
        ---
        # A lesson: this setup block, an introduction, one '## ' section per stop, and key points.
        # Lines starting with '#' here, and '<!-- … -->' lines below, are comments: learners never
        # see them. Check the file with 'nn-tutor lesson check \(name).md'; take it with
        # 'nn-tutor --lesson ./\(name).md'; print it with 'nn-tutor --plain --lesson ./\(name).md'.
        # Every key and value is described in lessons/README.md of nn-tutor's source; to start
        # from a built-in lesson instead, 'nn-tutor lesson show 1 > other.md'.
        #
        # The id names the lesson for --lesson and keys its saved progress: keep it unique.
        id: \(name)
        title: \(title(for: name))
        # The course menu lists your lessons under "\(CustomCourse.defaultPart)" (or, with --course DIR, under
        # the folder's name); 'part: NAME' would list this one under a heading of its own.
        # What is trained: the data (or, and, nand, xor, notebook), the learning rate, how many
        # epochs, and numpy's seed for the starting weights.
        dataset: or
        lr: 0.5
        epochs: 200
        seed: 42
        ---

        <!-- The introduction: shown before training starts, so it holds no live values. -->
        One neuron learns `or`. Before each value appears, predict it: then step on and see.

        ## The weighted sum
        id: weighted-sum
        at: epoch 0, sample 1, phase forward, value z
        <!-- A stop: 'id' names it; 'at' puts it on one value of the trace (epoch and sample
             count from 0; sample 1 of or is x = (0, 1)). Its keys come right under the heading,
             a blank line ends them, and the text after it may show values in double braces. -->

        The neuron adds its weighted inputs and its bias: z = W·x + b = {{z}}, with W = {{forward.W}}
        and b = {{forward.b}}.

        ### Question
        <!-- Asked before the stop's value is shown. kind: sign, direction, choice or number;
             a live answer such as {{z}} is the value itself at this stop. -->
        kind: sign
        ask: Will z be positive, negative or zero?
        answer: {{z}}
        feedback: z was {{z}}.
        hint: x = {{x}}, so only W[1] and b count.

        ## Every sample right
        id: all-right
        when: all samples classified
        <!-- 'when' stops the first time a condition holds, after the stop before it. -->

        In epoch {{epoch}} every sample was on the right side of 0.5 for the first time. The summed
        loss of that epoch was {{epoch.loss}}.

        ## Key points

        - One neuron computes z = W·x + b, then ŷ = σ(z).
        - Training moves W and b until every sample is classified right.

        """
    }
}

/// The rule for ids, shared by the parser and `lesson new`.
public enum LessonIDRules {
    /// Lowercase letters, digits and hyphens, not starting with a hyphen, at most 64 characters.
    public static func isValid(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, s.unicodeScalars.count <= 64 else { return false }
        return first != "-" && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
