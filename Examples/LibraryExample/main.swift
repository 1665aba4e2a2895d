// The README's library example, verbatim between the markers: LibraryExampleTests builds and runs this program and
// checks that README.md shows the same code, so the example cannot stop compiling or drift from the README.
// README example begins
import SkinCatalog

// Open (or create) a catalog, import the fixtures, ask the question, rank the answer.
let catalog = try Catalog(path: "skincat.sqlite")
let report = try catalog.importCatalog(from: "Fixtures/catalog.csv")
print("\(report.inserted) new, \(report.updated) updated, \(report.quarantined.count) quarantined")

for product in try catalog.products(matching: "NMN >= 1000 ppm and airless packaging") {
    let nmn = product.amounts.first?.ppm.map { "\($0) ppm" } ?? "undisclosed"
    print(product.sku, product.brand, product.name, nmn)
}

for product in try catalog.ranking(RankingOptions(active: "NMN", limit: 3)) {
    print(product.rank, product.sku, product.score.total, product.score.flags.joined(separator: "; "))
}
// README example ends
