/// Spells the tutor's mathematical symbols in plain ASCII, for `--ascii` and non-UTF-8 terminals.
public enum ASCIIFallback {
    /// Longer symbols first, so "σ′" becomes "sigma'" and not "sigma" + "'".
    private static let table: [(String, String)] = [
        ("σ′", "sigma'"), ("∂L/∂ŷ", "dL/dy_hat"), ("∂ŷ/∂z", "dy_hat/dz"),
        ("ŷᵢ", "y_hat_i"), ("yᵢ", "y_i"), ("Σᵢ", "sum_i"),
        ("−", "-"), ("·", "*"), ("ŷ", "y_hat"), ("σ", "sigma"), ("∂", "d"), ("²", "^2"),
        ("←", "<-"), ("η", "lr"), ("Σ", "sum"), ("✗", "x"), ("✓", "ok"), ("…", "..."), ("≈", "~"),
        ("×", "x"), ("₁", "1"), ("₂", "2"), ("⊙", "(.)"), ("ᵀ", "^T"), ("≤", "<="), ("≥", ">="),
        ("→", "->"), ("δ", "delta"), ("′", "'"), ("“", "\""), ("”", "\""),
        ("‘", "'"), ("’", "'"), ("—", "--"), ("–", "-"),
        ("▏", "_"), ("▸", ">"), ("▶", ">"), ("↓", "v"), ("↑", "^"), ("←", "<-"), ("○", "o"), ("●", "x"),
    ]

    public static func transliterate(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        var result = text
        for (symbol, ascii) in table where result.contains(symbol) {
            result = result.replacing(symbol, with: ascii)
        }
        // Anything left that a plain terminal cannot show becomes "?".
        return String(String.UnicodeScalarView(result.unicodeScalars.map { $0.isASCII ? $0 : "?" }))
    }
}
