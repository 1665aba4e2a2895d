/// US drug-facts labels and section headers glued inside the ingredients field.
///
/// A drug-facts label (sunscreens, acne products; DOMAIN.md section 7) prints `Active Ingredient(s):` with each
/// active's percentage and purpose, then `Inactive Ingredient(s):` (or `Other ingredients:`) with the rest;
/// scrapes glue these headers to whatever came before (`Division: El (Estee Lauder)Active Ingredients: ...`,
/// `Octocrylene 2.70%Ingredients: Water, ...`) and may carry the panel's other sections (`Uses:`, `Warnings:`,
/// `Directions:`). The sections are read as one list, actives first with their printed amounts; purposes,
/// the other sections and a title before the first header are set aside.
extension INCIParser {
    enum SectionKind: Equatable {
        /// `Active Ingredient(s):`: entries with amounts and purposes.
        case actives
        /// `Inactive Ingredients:`, `Other ingredients:`, `Ingredients:`: the rest of the list.
        case list
        /// `Drug Facts`, `Uses:`, `Warnings:`, `Directions:`, `Other information:`, `Questions?`: set aside.
        case aside
    }

    struct SectionMarker {
        var start: Int
        var end: Int
        var kind: SectionKind
    }

    private static let asideHeaders = [
        "drug facts", "uses:", "use:", "warnings:", "warning:", "directions:", "other information:",
        "questions or comments?", "questions?",
    ]

    /// The section headers of a field, in order.
    static func sectionMarkers(_ bytes: [UInt8]) -> [SectionMarker] {
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var markers: [SectionMarker] = []
        var index = 0
        func matches(_ word: String, at position: Int) -> Bool {
            let utf8 = Array(word.utf8)
            guard position >= 0, position + utf8.count <= lowered.count else { return false }
            return Array(lowered[position..<(position + utf8.count)]) == utf8
        }
        func isLetter(_ position: Int) -> Bool {
            guard position >= 0, position < lowered.count else { return false }
            return (0x61...0x7A).contains(lowered[position])
        }
        while index < lowered.count {
            if let header = asideHeaders.first(where: { matches($0, at: index) }), !isLetter(index - 1) || index == 0 {
                // `Drug Facts` needs no colon; the others carry theirs.
                markers.append(SectionMarker(start: index, end: index + header.utf8.count, kind: .aside))
                index += header.utf8.count
                continue
            }
            guard matches("ingredient", at: index) else {
                index += 1
                continue
            }
            var start = index
            var kind = SectionKind.list
            var needsColon = true
            if matches("inactive ", at: index - 9) {
                start = index - 9
                needsColon = false
            } else if matches("active ", at: index - 7) {
                start = index - 7
                kind = .actives
                needsColon = false
            } else if matches("other ", at: index - 6) {
                start = index - 6
            } else if isLetter(index - 1) || matches("key ", at: index - 4) {
                // `Key Ingredients:` is marketing, not a section of the list; `...ingredient` inside a word is
                // not a header.
                index += 10
                continue
            }
            var end = index + 10
            if matches("(s)", at: end) {
                end += 3
            } else if matches("s", at: end) {
                end += 1
            }
            // `Active ingredients (in each gram)`, then the colon.
            var cursor = end
            while cursor < lowered.count && lowered[cursor] == 0x20 { cursor += 1 }
            if cursor < lowered.count && lowered[cursor] == UInt8(ascii: "("),
                let close = lowered[cursor...].firstIndex(of: UInt8(ascii: ")")), close - cursor < 40
            {
                cursor = close + 1
                while cursor < lowered.count && lowered[cursor] == 0x20 { cursor += 1 }
            }
            let hasColon = cursor < lowered.count && lowered[cursor] == UInt8(ascii: ":")
            if hasColon { end = cursor + 1 }
            if hasColon || !needsColon {
                markers.append(SectionMarker(start: start, end: end, kind: kind))
            }
            index = end
        }
        return markers
    }

    /// Reads a field with drug-facts or glued section headers as one list: nil when it has none past its start.
    ///
    /// - The text before the first header is set aside when it is a title (no comma, no amount), and kept as
    ///   list text otherwise, on its own line.
    /// - The actives section gives `NAME AMOUNT` entries; a purpose after each amount (`Avobenzone 3% Sunscreen`,
    ///   `Salicylic Acid 2% Acne treatment`) is set aside; the section ends at the first part without an amount,
    ///   which starts the rest of the list.
    /// - `Drug Facts`, `Uses:`, `Warnings:`, `Directions:`, `Other information:`, `Questions?` are set aside up to
    ///   the next ingredients header.
    static func drugFactsSections(_ text: String) -> (list: String, setAside: [String])? {
        let bytes = Array(text.utf8)
        let markers = sectionMarkers(bytes)
        guard !markers.isEmpty, markers.contains(where: { $0.kind != .aside || $0.start > 0 }) else { return nil }
        func slice(_ from: Int, _ to: Int) -> String {
            String(decoding: bytes[from..<to], as: UTF8.self).trimmingWhitespace().description
        }
        var list: [String] = []
        var setAside: [String] = []
        var lead = ""
        let prefix = slice(0, markers[0].start)
        if !prefix.isEmpty {
            // Kept on a line of its own: its last sentence (`-Emollients: For a soft, velvety finish.`) must not run
            // into the first active.
            if prefix.contains(",") || prefix.contains("%") { lead = prefix + "\n" } else { setAside.append(prefix) }
        }
        for (offset, marker) in markers.enumerated() {
            let end = offset + 1 < markers.count ? markers[offset + 1].start : bytes.count
            let header = slice(marker.start, marker.end)
            let body = slice(marker.end, end)
            switch marker.kind {
            case .aside:
                setAside.append(([header, body].filter { !$0.isEmpty }).joined(separator: " "))
            case .list:
                if !body.isEmpty { list.append(body) }
            case .actives:
                let (actives, purposes, rest) = readActives(body)
                list.append(contentsOf: actives)
                setAside.append(contentsOf: purposes)
                if !rest.isEmpty { list.append(rest) }
            }
        }
        return (lead + list.joined(separator: ", "), setAside)
    }

    static let purposes = [
        "sunscreen", "sunscreens", "acne treatment", "acne medication", "skin protectant", "anti-dandruff",
        "antidandruff", "antiperspirant", "exfoliant", "external analgesic", "analgesic", "first aid antiseptic",
        "antiseptic", "antifungal", "anti-itch", "astringent", "lip protectant", "anticavity", "antigingivitis",
        "antiplaque", "skin lightener", "purposes", "purpose",
    ]

    /// The actives of a drug-facts section: (`NAME AMOUNT` entries, purposes, the rest of the text).
    static func readActives(_ body: String) -> (actives: [String], purposes: [String], rest: String) {
        var text = Substring(unglueAmounts(body)).trimmingWhitespace()
        var actives: [String] = []
        var purposesFound: [String] = []
        func dropPurpose() {
            while true {
                text = text.trimmingWhitespace()
                while let first = text.first, first == ":" || first == "-" || first == "–" || first == ")" {
                    text = text.dropFirst().trimmingWhitespace()
                }
                let lowered = text.lowercased()
                guard
                    let purpose = purposes.first(where: { phrase in
                        lowered.hasPrefix(phrase)
                            && (lowered.count == phrase.count
                                || !(lowered.dropFirst(phrase.count).first?.isLetter ?? false))
                    })
                else { break }
                purposesFound.append(String(text.prefix(purpose.count)))
                text = text.dropFirst(purpose.count)
            }
            while let first = text.first, first == "," || first == ";" || first == "." || first.isWhitespace {
                text = text.dropFirst()
            }
        }
        dropPurpose()
        while !text.isEmpty {
            // The next active: a name, then a number and `%`, before any comma.
            let segmentEnd = text.firstIndex(where: { $0 == "," || $0 == ";" }) ?? text.endIndex
            guard let percent = text[..<segmentEnd].firstIndex(of: "%") else { break }
            let active = text[..<text.index(after: percent)]
            let name = active.prefix { !$0.isNumber }.trimmingWhitespace()
            guard !name.isEmpty, name.contains(where: \.isLetter) else { break }
            var after = text.index(after: percent)
            // `Zinc Oxide (20%)`: the closing bracket belongs to the active.
            if after < text.endIndex, text[after] == ")", active.contains("(") { after = text.index(after: after) }
            actives.append(String(text[..<after].trimmingWhitespace()))
            text = text[after...]
            dropPurpose()
        }
        return (actives, purposesFound, String(text.trimmingWhitespace()))
    }
}
