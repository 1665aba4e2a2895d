// The README's library example, built and run by the tests (skincatTests: LibraryExampleTests), so it cannot stop
// compiling. Usage: skincat-library-example CATALOG.csv
import Foundation
import SkinCatalog

let file = CommandLine.arguments.dropFirst().first ?? "Fixtures/catalog.csv"
do {
    let catalog = try Catalog.inMemory()  // or Catalog(path: "skincat.sqlite") for a file
    var options = ImportOptions()
    options.source = "my-shop"
    let report = try catalog.importCatalog(from: file, options: options)
    print(report.summary)

    for match in try catalog.products(matching: "NMN >= 1000 ppm and airless packaging") {
        print(match.sku, match.brand, match.name)
    }
    for product in try catalog.ranking(RankingOptions(active: "NMN")).prefix(3) {
        print(product.rank, product.sku, product.name, product.score.total)
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
