/// One number of one entry: `W1[0][1]` is (entry W1 forward, component 1).
public struct TraceComponent: Hashable, Sendable {
    public let entry: TraceEntry
    /// The number's place in the entry, row-major for a matrix.
    public let index: Int

    public init(entry: TraceEntry, index: Int = 0) {
        self.entry = entry
        self.index = index
    }
}

/// Where a traced number came from: "the chain rule made navigable". A learner inspecting a value
/// sees it at full precision, the equation that produced it with its inputs' values substituted,
/// and the earlier values it was computed from, each of which can be inspected in turn.
///
/// Built by `ProvenanceBuilder.explain`, from the step's published values alone.
public struct Provenance: Sendable, Equatable {
    /// "∂L/∂W₁[0][1]": how a learner reads the component (0-based [i][j] indexes as the trace's shape
    /// has them, layer subscripts; for the single neuron the notebook's symbols: W[0], ∂L/∂ŷ, ∂ŷ/∂z, …).
    public var symbol: String
    /// The formula in symbols: "δ₁[0] · x[1]".
    public var formula: String
    /// The formula with each input's full-precision value (Double.description, with a true minus "−"):
    /// "(0.008217…) · (1.0)". Constants that are not traced (η, h) are substituted too.
    public var substituted: String
    /// The value itself, full precision.
    public var value: Double
    /// The inputs, in the formula's order of first appearance, each listed once.
    public var inputs: [Input]
    /// What the formula alone does not say: a notebook mistake and its correction, where the other
    /// terms of a sum live, how a numeric gradient's loss is computed. Nil when there is nothing to add.
    public var note: String?

    public init(symbol: String, formula: String, substituted: String, value: Double, inputs: [Input], note: String? = nil) {
        self.symbol = symbol
        self.formula = formula
        self.substituted = substituted
        self.value = value
        self.inputs = inputs
        self.note = note
    }

    /// One value a traced number was computed from.
    public struct Input: Sendable, Equatable {
        public var component: TraceComponent
        /// The component's own symbol (`ProvenanceBuilder.symbol(of:in:)`); a formula may decorate it,
        /// as a batch mean writes its last term "∂L/∂W[0]⁽²⁾".
        public var symbol: String
        public var value: Double
        public var source: Source

        public init(component: TraceComponent, symbol: String, value: Double, source: Source) {
            self.component = component
            self.symbol = symbol
            self.value = value
            self.source = source
        }

        /// Where the input was published, relative to the value it feeds.
        public enum Source: Sendable, Equatable {
            /// Earlier in the same step.
            case thisStep
            /// A parameter in force: the update record of an earlier step (`StepPosition.lastUpdateStep`).
            case previousUpdate
            /// A parameter in force since the start: the seeded draw or `--init`, first published in the
            /// forward record of step 0. It names where the number came from; there is nothing before it.
            case initialDraw
            /// This step's own per-sample gradient as the last term of a batch mean; the batch's other
            /// terms were published in the batch's earlier steps.
            case thisBatch
        }
    }

    /// A number as the provenance writes it: the shortest text that reads back to the same double
    /// (Double.description), with a true minus sign: "−0.25", "1e−06", "1.0".
    public static func fullPrecision(_ value: Double) -> String {
        let text = value.description
        return text.contains("-") ? text.replacing("-", with: "−") : text
    }
}

/// Where a step falls in a run: what `ProvenanceBuilder` needs to say which update set the
/// parameters in force, which sample x and y are, and how many terms a batch mean or an epoch sum has.
/// A step's values do not carry it; the trace event (or the trainer) does.
public struct StepPosition: Sendable, Hashable {
    /// The global sample-step index from 0.
    public var step: Int
    /// The sample's index in the data set (its place in the epoch).
    public var sample: Int

    public init(step: Int, sample: Int) {
        self.step = step
        self.sample = sample
    }

    /// The sample's place in its batch from 0. Batches start afresh with each epoch (an epoch's last
    /// batch may be shorter), so the place follows from the sample index alone.
    public func placeInBatch(_ batch: BatchSize) -> Int {
        switch batch {
        case .one: return 0
        // An epoch of n samples has batches of min(k, n); sample < n, so sample % k is the place either way.
        case .of(let k): return sample % max(1, k)
        case .full: return sample
        }
    }

    /// The step whose update record set the parameters in force at this step, or nil while the
    /// seeded draw (or `--init`) is still in force: the step just before this step's batch began.
    public func lastUpdateStep(_ batch: BatchSize) -> Int? {
        let batchStart = step - placeInBatch(batch)
        return batchStart > 0 ? batchStart - 1 : nil
    }
}
