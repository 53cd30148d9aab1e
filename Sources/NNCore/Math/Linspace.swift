/// `np.linspace(start, stop, num, endpoint)` for float64 scalars, computed in numpy's order so
/// every point matches bit for bit: `i * step + start`, with the last point set to exactly `stop`.
public func linspace(_ start: Double, _ stop: Double, count num: Int, endpoint: Bool = true) -> [Double] {
    let num = max(0, num)
    let div = endpoint ? num - 1 : num
    let delta = stop - start
    var y = (0..<num).map(Double.init)
    if div > 0 {
        let step = delta / Double(div)
        if step == 0 {
            // numpy's guard for a step that underflows to zero: divide first, then scale.
            y = y.map { ($0 / Double(div)) * delta }
        } else {
            y = y.map { $0 * step }
        }
    } else {
        // One point with endpoint: numpy's step is NaN and it multiplies by delta instead.
        y = y.map { $0 * delta }
    }
    y = y.map { $0 + start }
    if endpoint && num > 1 { y[num - 1] = stop }
    return y
}
