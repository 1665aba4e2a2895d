/// The dictionary names nearest an unresolved printed name, as suggestions for a user alias
/// (`skincat ingredients --unresolved`).
///
/// Nearness is the optimal string alignment distance between name keys (``NameKey``), up to a limit that grows
/// with the name (one edit up to 9 characters, then one more every 5, at most 4). As in fuzzy matching, a
/// candidate must carry the same digits in the same order (`TRIPEPTIDE-1` is never suggested for `TRIPEPTIDE-5`).
/// Suggestions are ingredients, nearest first, each once; the nearest one is the name's resolved neighbour, and
/// none of its look-alikes is ever suggested beside it (NMN's neighbour never brings NAD+ along).
public struct NameSuggester: Sendable {
    private struct Entry: Sendable {
        var bytes: [UInt8]
        var digits: [UInt8]
        var histogram: [UInt8]
        var id: Int64
    }

    private var byLength: [Int: [Entry]] = [:]
    private let lookalikes: [Int64: Set<Int64>]

    /// Indexes the dictionary's names for suggestions; keys shorter than 3 bytes are never suggested.
    ///
    /// - Parameters:
    ///   - names: every dictionary name's key with its ingredient.
    ///   - lookalikes: each ingredient's look-alikes (both directions).
    public init(names: [(key: NameKey, id: Int64)], lookalikes: [Int64: Set<Int64>]) {
        for (key, id) in names {
            let bytes = Array(key.rawValue.utf8)
            guard bytes.count >= 3 else { continue }
            byLength[bytes.count, default: []].append(
                Entry(bytes: bytes, digits: digitRuns(bytes), histogram: Self.histogram(bytes), id: id))
        }
        self.lookalikes = lookalikes
    }

    /// The largest distance a suggestion may have for a key of `length` bytes.
    static func limit(forLength length: Int) -> Int { max(1, min(4, (length - 5) / 5 + 1)) }

    /// Up to `count` ingredients near `key`, nearest first (ties by key).
    public func suggestions(for key: NameKey, count: Int = 3) -> [Int64] {
        let bytes = Array(key.rawValue.utf8)
        guard bytes.count >= 3, count > 0 else { return [] }
        let limit = Self.limit(forLength: bytes.count)
        let digits = digitRuns(bytes)
        let histogram = Self.histogram(bytes)
        var found: [(distance: Int, key: [UInt8], id: Int64)] = []
        for length in max(3, bytes.count - limit)...(bytes.count + limit) {
            for entry in byLength[length] ?? [] where entry.digits == digits && entry.bytes != bytes {
                // Each edit changes the letter counts by at most 2: a cheap bound before the distance.
                var difference = 0
                for index in 0..<histogram.count {
                    difference += abs(Int(histogram[index]) - Int(entry.histogram[index]))
                }
                guard difference <= 2 * limit else { continue }
                let distance = optimalStringAlignmentDistance(bytes, entry.bytes, limit: limit)
                if distance <= limit { found.append((distance, entry.bytes, entry.id)) }
            }
        }
        found.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.key.lexicographicallyPrecedes($1.key) }
        // Look-alikes both at the nearest distance: which one was meant cannot be told, so neither is suggested.
        let nearest = Set(found.prefix { $0.distance == found.first?.distance }.map(\.id))
        var excluded = nearest.filter { !(lookalikes[$0] ?? []).isDisjoint(with: nearest) }
        var ids: [Int64] = []
        for candidate in found where !ids.contains(candidate.id) && !excluded.contains(candidate.id) {
            // The resolved neighbour: its look-alikes are never suggested beside it.
            if ids.isEmpty { excluded.formUnion(lookalikes[candidate.id] ?? []) }
            ids.append(candidate.id)
            if ids.count == count { break }
        }
        return ids
    }

    /// Counts of A-Z, 0-9 and everything else, saturating at 255.
    private static func histogram(_ bytes: [UInt8]) -> [UInt8] {
        var counts = [UInt8](repeating: 0, count: 37)
        for byte in bytes {
            let index: Int
            switch byte {
            case 0x41...0x5A: index = Int(byte - 0x41)
            case 0x61...0x7A: index = Int(byte - 0x61)
            case 0x30...0x39: index = 26 + Int(byte - 0x30)
            default: index = 36
            }
            if counts[index] < 255 { counts[index] += 1 }
        }
        return counts
    }
}
