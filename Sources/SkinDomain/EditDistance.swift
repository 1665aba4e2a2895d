/// Optimal string alignment distance: the fewest insertions, deletions, substitutions and swaps of neighbouring
/// elements (no element edited twice) that turn `a` into `b`. Used for fuzzy ingredient names (on bytes, with a
/// limit) and for the query's did-you-mean suggestions (on characters).
///
/// - Parameter limit: when given, the answer is `limit + 1` as soon as the distance must exceed it, which stops
///   the work early for candidates that are far off.
func optimalStringAlignmentDistance<Element: Equatable>(_ a: [Element], _ b: [Element], limit: Int? = nil) -> Int {
    if let limit, abs(a.count - b.count) > limit { return limit + 1 }
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        var rowMin = current[0]
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                value = min(value, beforePrevious[j - 2] + 1)
            }
            current[j] = value
            rowMin = min(rowMin, value)
        }
        if let limit, rowMin > limit { return limit + 1 }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return limit.map { min(previous[b.count], $0 + 1) } ?? previous[b.count]
}

/// The runs of digits in a name key's bytes, a comma after each run that more text follows (`PEG-40/PPG-8` gives
/// `40,8`): a near miss, fuzzy match or suggestion alike, must carry the same digits in the same order (PEG-40 is
/// never PEG-60).
func digitRuns(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    var previousWasDigit = false
    for byte in bytes {
        let isDigit = byte >= 0x30 && byte <= 0x39
        if isDigit {
            out.append(byte)
        } else if previousWasDigit {
            out.append(0x2C)
        }
        previousWasDigit = isDigit
    }
    return out
}
