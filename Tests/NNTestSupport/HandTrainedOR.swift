import Foundation

/// The single neuron trained on `or` by hand, as the notebook's corrected loop does it: the four
/// samples in order, squared error, an update after each sample. Each epoch's summed loss, and how
/// many samples the final weights classify right (ŷ ≥ 0.5 predicts 1). Written apart from the
/// trainer, so that tests can hold its numbers against it.
public func handTrainedOR(lr: Double, epochs: Int, w start: (Double, Double), b bStart: Double) -> (epochLosses: [Double], right: Int) {
    var w = start, b = bStart
    let data: [((Double, Double), Double)] = [((0, 0), 0), ((0, 1), 1), ((1, 0), 1), ((1, 1), 1)]
    var losses: [Double] = []
    for _ in 0..<epochs {
        var sum = 0.0
        for (x, y) in data {
            let yHat = 1 / (1 + exp(-(w.0 * x.0 + w.1 * x.1 + b)))
            sum += (y - yHat) * (y - yHat)
            let g = -2 * (y - yHat) * yHat * (1 - yHat)
            w = (w.0 - lr * g * x.0, w.1 - lr * g * x.1)
            b -= lr * g
        }
        losses.append(sum)
    }
    let right = data.filter { x, y in (1 / (1 + exp(-(w.0 * x.0 + w.1 * x.1 + b))) >= 0.5) == (y == 1) }.count
    return (losses, right)
}
