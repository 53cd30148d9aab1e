#if canImport(Glibc)
import Glibc
#endif
import NNFormat

// The benchmark's baseline: the same training, the same draw and the same bytes as
// `nn-tutor --plain --format jsonl|csv` (after its `setup` line or `#` comments), written by the
// plainest program that can: straight loops, one output buffer, and the shortest round-trip
// formatter. The benchmark checks its output against nn-tutor's with cmp and reports
// nn-tutor's time over this one's.
//
//   nn-tutor-baseline jsonl|csv or|xor EPOCHS [HIDDEN,HIDDEN…]
//
// Sigmoid units, squared error, one update per sample, seed 42, η = 0.5: nn-tutor's defaults.

// MARK: numpy's legacy generator (MT19937, randint, gauss)

var mt = [UInt32](repeating: 0, count: 624)
var mtIndex = 624
var cachedGauss: Double?

@MainActor func seed(_ s: UInt32) {
    mt[0] = s
    for i in 1..<624 { mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i) }
    mtIndex = 624
}

@MainActor func next32() -> UInt32 {
    if mtIndex == 624 {
        for i in 0..<624 {
            let y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % 624] & 0x7FFF_FFFF)
            mt[i] = mt[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908_B0DF : 0)
        }
        mtIndex = 0
    }
    var y = mt[mtIndex]
    mtIndex += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9D2C_5680
    y ^= (y << 15) & 0xEFC6_0000
    y ^= y >> 18
    return y
}

@MainActor func nextDouble() -> Double {
    let a = Double(next32() >> 5), b = Double(next32() >> 6)
    return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
}

@MainActor func gauss() -> Double {
    if let g = cachedGauss { cachedGauss = nil; return g }
    var x1 = 0.0, x2 = 0.0, r2 = 0.0
    repeat {
        x1 = 2.0 * nextDouble() - 1.0
        x2 = 2.0 * nextDouble() - 1.0
        r2 = x1 * x1 + x2 * x2
    } while r2 >= 1.0 || r2 == 0.0
    let f = (-2.0 * log(r2) / r2).squareRoot()
    cachedGauss = f * x1
    return f * x2
}

/// randint(0, 2): masked rejection with a one-bit mask.
@MainActor func coin() -> Double { Double(next32() & 1) }

// MARK: Output

let capacity = 1 << 16
let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity + 65_536)
var used = 0

@MainActor @inline(__always) func flushIfFull() {
    if used >= capacity {
        var offset = 0
        while offset < used { offset += max(0, write(1, buffer + offset, used - offset)) }
        used = 0
    }
}
@MainActor @inline(__always) func put(_ text: StaticString) {
    (buffer + used).update(from: text.utf8Start, count: text.utf8CodeUnitCount)
    used += text.utf8CodeUnitCount
}
@MainActor @inline(__always) func put(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { (buffer + used).update(from: $0.baseAddress!, count: $0.count) }
    used += bytes.count
}
@MainActor @inline(__always) func put(_ n: Int) { used += ShortestDouble.write(n, to: buffer + used) }
@MainActor @inline(__always) func put(_ v: Double) { used += ShortestDouble.write(v, to: buffer + used) }

// MARK: The run

let arguments = CommandLine.arguments
guard arguments.count >= 4, let epochs = Int(arguments[3]) else {
    print("usage: nn-tutor-baseline jsonl|csv or|xor EPOCHS [HIDDEN,HIDDEN…]")
    exit(64)
}
let csv = arguments[1] == "csv"
let xor = arguments[2] == "xor"
let hidden = arguments.count > 4 ? arguments[4].split(separator: ",").compactMap { Int($0) } : []
let sizes = [2] + hidden + [1]
let L = sizes.count - 1
let single = hidden.isEmpty
let lr = 0.5

// The step's values in one flat row, laid out as the records are written: each record is
// (phase, name, offset, count, rows; rows 0 = a number, 1 = a vector, more = a matrix).
struct Slot { var phase: String; var name: String; var offset: Int; var count: Int; var rows: Int }
var slots: [Slot] = []
var width = 0
@MainActor @discardableResult func slot(_ phase: String, _ name: String, _ count: Int, rows: Int) -> Int {
    slots.append(Slot(phase: phase, name: name, offset: width, count: count, rows: rows))
    width += count
    return width - count
}
@MainActor func n(_ base: String, _ l: Int) -> String { single ? base : base + String(l) }
@MainActor func rowsOf(_ l: Int, matrix: Bool) -> Int { l == L ? (matrix ? 1 : 0) : (matrix ? sizes[l] : 1) }
let xAt = slot("forward", "x", 2, rows: 1)
let yAt = slot("forward", "y", 1, rows: 0)
var WAt = [Int](repeating: 0, count: L + 1), bAt = WAt, zAt = WAt, aAt = WAt, daAt = WAt, sAt = WAt, dAt = WAt, dWAt = WAt, dbAt = WAt, newWAt = WAt, newBAt = WAt
for l in 1...L {
    WAt[l] = slot("forward", n("W", l), sizes[l] * sizes[l - 1], rows: rowsOf(l, matrix: true))
    bAt[l] = slot("forward", n("b", l), sizes[l], rows: rowsOf(l, matrix: false))
}
aAt[0] = xAt
for l in 1...L {
    zAt[l] = slot("forward", n("z", l), sizes[l], rows: rowsOf(l, matrix: false))
    aAt[l] = slot("forward", l == L ? "y_hat" : n("a", l), sizes[l], rows: rowsOf(l, matrix: false))
}
let lossAt = slot("forward", "loss", 1, rows: 0)
let dLAt = slot("backward", "dL_dyhat", 1, rows: 0)
for l in stride(from: L, through: 1, by: -1) {
    if single {
        sAt[1] = slot("backward", "dyhat_dz", 1, rows: 0)
        _ = slot("backward", "dz_dW", 2, rows: 1)
        dWAt[1] = slot("backward", "dL_dW", 2, rows: 1)
        dbAt[1] = slot("backward", "dL_db", 1, rows: 0)
        dAt[1] = dbAt[1]
        continue
    }
    if l < L { daAt[l] = slot("backward", n("dL_da", l), sizes[l], rows: 1) }
    sAt[l] = slot("backward", n("dadz", l), sizes[l], rows: rowsOf(l, matrix: false))
    dAt[l] = slot("backward", n("delta", l), sizes[l], rows: rowsOf(l, matrix: false))
    dWAt[l] = slot("backward", n("dL_dW", l), sizes[l] * sizes[l - 1], rows: rowsOf(l, matrix: true))
    dbAt[l] = slot("backward", n("dL_db", l), sizes[l], rows: rowsOf(l, matrix: false))
}
for l in 1...L {
    newWAt[l] = slot("update", n("W", l), sizes[l] * sizes[l - 1], rows: rowsOf(l, matrix: true))
    newBAt[l] = slot("update", n("b", l), sizes[l], rows: rowsOf(l, matrix: false))
}
let stepRecords = slots.count
let epochAt = slot("epoch", "loss", 1, rows: 0)
// Plain memory for the hot loop: each record's offset, count, rows, and its constant bytes.
let recordCount = slots.count
let recordOffset = UnsafeMutablePointer<Int>.allocate(capacity: recordCount)
let recordCount_ = UnsafeMutablePointer<Int>.allocate(capacity: recordCount)
let recordRows = UnsafeMutablePointer<Int>.allocate(capacity: recordCount)
let middleStart = UnsafeMutablePointer<Int>.allocate(capacity: recordCount + 1)
var middleBytes: [UInt8] = []
for (r, s) in slots.enumerated() {
    recordOffset[r] = s.offset
    recordCount_[r] = s.count
    recordRows[r] = s.rows
    middleStart[r] = middleBytes.count
    middleBytes += Array(#", "phase": ""#.utf8) + Array(s.phase.utf8) + Array(#"", "name": ""#.utf8) + Array(s.name.utf8) + Array(#"", "value": "#.utf8)
}
middleStart[recordCount] = middleBytes.count
let middles = UnsafeMutablePointer<UInt8>.allocate(capacity: middleBytes.count)
middles.initialize(from: middleBytes, count: middleBytes.count)

let row = UnsafeMutablePointer<Double>.allocate(capacity: width)
row.initialize(repeating: 0, count: width)
// The parameters live in the row's update records between steps.
seed(42)
_ = coin(); _ = coin()  // X = randint(0, 2, size=2): drawn, then not used by or and xor
for l in 1...L {
    for k in 0..<(sizes[l] * sizes[l - 1]) { row[newWAt[l] + k] = gauss() }
    for i in 0..<sizes[l] { row[newBAt[l] + i] = gauss() }
}
let inputs: [Double] = [0, 0, 0, 1, 1, 0, 1, 1]
let targets: [Double] = xor ? [0, 1, 1, 0] : [0, 1, 1, 1]

@MainActor @inline(__always) func writeValue(_ r: Int) {
    let v = row + recordOffset[r], count = recordCount_[r], rows = recordRows[r]
    if rows == 0 { put(v[0]); return }
    put("[")
    let columns = count / rows
    for i in 0..<count {
        if i > 0 { put(", ") }
        if rows > 1 && i % columns == 0 { put("[") }
        put(v[i])
        if rows > 1 && i % columns == columns - 1 { put("]") }
    }
    put("]")
}

@MainActor @inline(__always) func cell(_ v: Double) {
    if v.isNaN { put("nan") } else if v.isInfinite { put(v < 0 ? "-inf" : "inf") } else { put(v) }
}

if csv {
    // The header: step, epoch, sample, then a column per number.
    var header = "step,epoch,sample,batch_end,epoch_end"
    for s in slots {
        let name = s.phase == "update" ? s.name + "_new" : (s.phase == "epoch" ? "epoch_loss" : s.name)
        if s.rows == 0 { header += "," + name; continue }
        let columns = s.count / s.rows
        for i in 0..<s.count { header += s.rows > 1 ? ",\(name)[\(i / columns)][\(i % columns)]" : ",\(name)[\(i)]" }
    }
    put(Array((header + "\n").utf8))
}

var step = 0
for epoch in 0..<epochs {
    var epochLoss = 0.0
    for sample in 0..<4 {
        // Forward: x, y, the parameters in force, then each layer, summed from the first product.
        row[xAt] = inputs[2 * sample]
        row[xAt + 1] = inputs[2 * sample + 1]
        let y = targets[sample]
        row[yAt] = y
        for l in 1...L {
            for k in 0..<(sizes[l] * sizes[l - 1]) { row[WAt[l] + k] = row[newWAt[l] + k] }
            for i in 0..<sizes[l] { row[bAt[l] + i] = row[newBAt[l] + i] }
        }
        for l in 1...L {
            let m = sizes[l - 1]
            for i in 0..<sizes[l] {
                var s = row[WAt[l] + i * m] * row[aAt[l - 1]]
                for j in 1..<m { s += row[WAt[l] + i * m + j] * row[aAt[l - 1] + j] }
                s += row[bAt[l] + i]
                row[zAt[l] + i] = s
                row[aAt[l] + i] = 1.0 / (1.0 + exp(-s))
            }
        }
        let yHat = row[aAt[L]]
        let loss = (y - yHat) * (y - yHat)
        row[lossAt] = loss
        epochLoss += loss
        let dL = -2 * (y - yHat)
        row[dLAt] = dL
        // Backward: δ from the output down, then ∂L/∂W = δ·a_{l−1}ᵀ.
        for l in stride(from: L, through: 1, by: -1) {
            let m = sizes[l - 1]
            for i in 0..<sizes[l] {
                if l < L {
                    var s = row[WAt[l + 1] + i] * row[dAt[l + 1]]
                    for k in 1..<sizes[l + 1] { s += row[WAt[l + 1] + k * sizes[l] + i] * row[dAt[l + 1] + k] }
                    row[daAt[l] + i] = s
                }
                let ai = row[aAt[l] + i]
                let sl = ai * (1 - ai)
                row[sAt[l] + i] = sl
                let d = l == L ? dL * sl : row[daAt[l] + i] * sl
                row[dAt[l] + i] = d
                for j in 0..<m { row[dWAt[l] + i * m + j] = d * row[aAt[l - 1] + j] }
                row[dbAt[l] + i] = d
            }
        }
        if single {
            row[dWAt[1] - 2] = row[xAt]
            row[dWAt[1] - 1] = row[xAt + 1]
        }
        // Update: θ ← θ − η·g.
        for l in 1...L {
            for k in 0..<(sizes[l] * sizes[l - 1]) { row[newWAt[l] + k] = row[WAt[l] + k] - lr * row[dWAt[l] + k] }
            for i in 0..<sizes[l] { row[newBAt[l] + i] = row[bAt[l] + i] - lr * row[dbAt[l] + i] }
        }
        let closes = sample == 3
        if closes { row[epochAt] = epochLoss }
        if csv {
            put(step); put(","); put(epoch); put(","); put(sample); put(closes ? ",1,1" : ",1,0")
            for k in 0..<width {
                put(",")
                if k < epochAt || closes { cell(row[k]) }
            }
            put("\n")
        } else {
            for r in 0..<(closes ? recordCount : stepRecords) {
                put(#"{"step": "#); put(step); put(#", "epoch": "#); put(epoch)
                if r < stepRecords { put(#", "sample": "#); put(sample) }
                let m = middleStart[r], length = middleStart[r + 1] - m
                (buffer + used).update(from: middles + m, count: length)
                used += length
                writeValue(r)
                put("}\n")
            }
        }
        flushIfFull()
        step += 1
    }
}
var offset = 0
while offset < used { offset += max(0, write(1, buffer + offset, used - offset)) }
