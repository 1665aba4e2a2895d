import Foundation
import SkinDomain

extension SimilarProduct: TabularResult {
    /// sku, brand, name, similarity, how many ingredients are shared, the asked product's top five shared, what
    /// differs at the top (- missing, + added), price and price per mL or g; what differs further down in CSV and
    /// TSV only.
    public static func columns(for rows: [SimilarProduct]) -> [OutputColumn<SimilarProduct>] {
        [
            OutputColumn("sku") { $0.sku }, OutputColumn("brand") { $0.brand }, OutputColumn("name") { $0.name },
            OutputColumn("similarity", alignment: .right) { String(format: "%.3f", $0.similarity) },
            OutputColumn("sharedCount", header: "shared", alignment: .right) {
                "\($0.sharedCount) of \($0.queryCount)"
            },
            OutputColumn("sharedTop", header: "shared top 5") { $0.sharedTop.joined(separator: ", ") },
            OutputColumn("addedTop", header: "differs at the top") { result in
                (result.missingTop.map { "- " + $0 } + result.addedTop.map { "+ " + $0 }).joined(separator: "; ")
            },
            OutputColumn("onlyHere", header: "only here", inTable: false) { $0.onlyHere.joined(separator: "; ") },
            OutputColumn("onlyInQuery", header: "only in the product asked about", inTable: false) {
                $0.onlyInQuery.joined(separator: "; ")
            },
            OutputColumn("price", alignment: .right) { result in
                result.price.map { "\($0.plainText)\(result.currency.map { " \($0)" } ?? "")" } ?? ""
            },
            OutputColumn("value") { $0.value.perUnitText ?? "" },
        ]
    }
}
