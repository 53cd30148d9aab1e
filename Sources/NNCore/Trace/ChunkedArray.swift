/// An append-only array stored in fixed-size chunks: growing never copies what is stored, so
/// memory stays close to what is used (a plain Array can hold twice that while it grows).
struct ChunkedArray<Element> {
    private static var shift: Int { 14 }
    private static var chunkSize: Int { 1 << shift }
    private var chunks: [[Element]] = []
    private(set) var count = 0

    @inline(__always)
    mutating func append(_ element: Element) {
        if count & (Self.chunkSize - 1) == 0 {
            var chunk: [Element] = []
            chunk.reserveCapacity(Self.chunkSize)
            chunks.append(chunk)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }

    @inline(__always)
    subscript(_ index: Int) -> Element {
        chunks[index >> Self.shift][index & (Self.chunkSize - 1)]
    }

    var last: Element? { count == 0 ? nil : self[count - 1] }
}
