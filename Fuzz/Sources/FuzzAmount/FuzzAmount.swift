import FuzzSupport
import SkinDomain

/// Fuzzes the amount parsers: `Amount(parsing:)` (`4,000 ppm`, `0,4 %`), `AmountUnit(label:)`,
/// `DeclaredActive.parseList` (the actives column: `NMN 4,000 ppm; Niacinamide 5%`), and the size cell's
/// `ProductSize(parsing:)` and `ProductSize.label(_:)`, which share the number reading.
///
/// The input is the cell as text (invalid UTF-8 becomes U+FFFD).
///
/// Properties checked besides "no crash, no hang":
/// 1. An amount is a finite number of ppm between 0 and 1,000,000, approximate only for mg/mL.
/// 2. Printing an amount as plain ppm (`4000.000000 ppm`) and parsing it gives the same amount back, and spaces
///    around the text change nothing.
/// 3. Every declared active has a name and its text, an amount as in 1, and parsing its text alone gives it back.
/// 4. A size, when there is one, is a finite, non-negative number of millilitres or grams.
@main
enum FuzzAmount {
    static func main() { runLibFuzzer(fuzzAmount) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmount(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = fuzzText(data, count)

    _ = AmountUnit(label: text)
    if let amount = try? Amount(parsing: text) {
        checkRange(amount, text)
        let plain = "\(plainPPM(amount.ppm)) ppm"
        let again = try? Amount(parsing: plain)
        require(
            again?.ppm == amount.ppm,
            "\(text.debugDescription) is \(amount.ppm) ppm, \(plain) reads back as "
                + String(describing: again?.ppm))
        require(
            (try? Amount(parsing: " \(text)\u{A0}\t")) == amount, "whitespace around \(text.debugDescription) matters")
    }

    if let actives = try? DeclaredActive.parseList(text) {
        for active in actives {
            require(!active.name.isEmpty && !active.text.isEmpty, "an active without a name or text: \(active)")
            checkRange(active.amount, active.text)
            let alone = try? DeclaredActive.parseList(active.text)
            require(alone == [active], "\(active.text.debugDescription) alone reads as \(String(describing: alone))")
        }
    }

    _ = ProductSize.label(text)
    if let size = ProductSize(parsing: text) {
        for value in [size.millilitres, size.grams].compactMap({ $0 }) {
            require(value.isFinite && value >= 0, "\(text.debugDescription) has size \(value)")
        }
    }
    return 0
}

private func checkRange(_ amount: Amount, _ text: String) {
    require(
        amount.ppm.isFinite && amount.ppm >= 0 && amount.ppm <= 1_000_000,
        "\(text.debugDescription) is \(amount.ppm) ppm")
    require(
        !amount.isApproximate || text.lowercased().filter { !$0.isWhitespace }.contains("mg/ml"),
        "\(text.debugDescription) is approximate without mg/mL")
}

/// `ppm` to six decimals in plain notation (amounts are rounded to a millionth of a ppm).
private func plainPPM(_ ppm: Double) -> String {
    let millionths = Int64((ppm * 1_000_000).rounded())
    let fraction = String(millionths % 1_000_000)
    return "\(millionths / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
}
