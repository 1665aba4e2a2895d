import FuzzSupport
import SkinDomain

/// Fuzzes the parsing of a printed ingredient list: `INCIParser.parse` (which runs the prose pass when the text
/// may hold prose), `INCIParser.separateProse`, `INCIParser.placeholder(in:)` and `INCIEntry.lookupNames`.
///
/// The input is the ingredients field as text (invalid UTF-8 becomes U+FFFD, as a field read leniently would).
///
/// Properties checked besides "no crash, no hang":
/// 1. Listed entries are numbered 1, 2, 3, ... in order and come before the "may contain" entries, which have no
///    position; kit components never decrease.
/// 2. No printed name is empty or starts or ends with whitespace, and every character of a name (and of text set
///    aside) comes from the input, apart from the ", " the prose pass puts between pieces it joins.
/// 3. An amount printed in the list is between 0 and 100 % (1,000,000 ppm), with its text kept beside it.
/// 4. The only error is an ``AmountError`` (typed throws make any other impossible; checked by the compiler).
@main
enum FuzzINCI {
    static func main() { runLibFuzzer(fuzzINCI) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzINCI(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = fuzzText(data, count)
    let scalars = Set(text.unicodeScalars).union([",", " "])

    _ = INCIParser.placeholder(in: text)
    let separated = INCIParser.separateProse(text)
    for piece in separated.components + separated.setAside {
        require(
            piece.unicodeScalars.allSatisfy(scalars.contains), "\(piece.debugDescription) is not made of the input")
    }

    let list: INCIList
    do {
        list = try INCIParser.parse(text)
    } catch {
        require(!"\(error)".isEmpty, "an AmountError with no message")
        return 0
    }
    var position = 0
    var component = 0
    var inMayContain = false
    for entry in list.entries {
        let name = entry.printedName
        require(!name.isEmpty, "an entry with an empty name")
        require(
            name.first?.isWhitespace == false && name.last?.isWhitespace == false,
            "\(name.debugDescription) is not trimmed")
        require(name.unicodeScalars.allSatisfy(scalars.contains), "\(name.debugDescription) is not made of the input")
        if entry.mayContain {
            require(entry.position == nil, "a may-contain entry has position \(entry.position!)")
            if !inMayContain { component = 0 }  // may-contain entries follow all components, in component order
            inMayContain = true
        } else {
            require(!inMayContain, "a listed entry after the may-contain entries")
            position += 1
            require(entry.position == position, "position \(String(describing: entry.position)), expected \(position)")
        }
        require(entry.component >= component, "component \(entry.component) after \(component)")
        component = entry.component
        if let amount = entry.amount {
            require(amount.ppm.isFinite && amount.ppm >= 0 && amount.ppm <= 1_000_000, "amount \(amount.ppm) ppm")
            require(entry.amountText?.isEmpty == false, "an amount without its printed text")
        }
        let names = entry.lookupNames
        require(names.first == name, "lookupNames does not start with the printed name")
    }
    for aside in list.setAside {
        require(aside.unicodeScalars.allSatisfy(scalars.contains), "\(aside.debugDescription) is not made of the input")
    }
    return 0
}
