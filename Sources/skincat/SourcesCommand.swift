import ArgumentParser
import Foundation
import SkinCatalog

struct SourcesCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the sources (retailers) with their listings and the products each shares with the others."
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    func run(on catalog: Catalog) throws {
        try output.write(try catalog.sources())
    }
}

struct MergesCommand: CatalogCommand {
    static let configuration = CommandConfiguration(
        commandName: "merges",
        abstract: "List the offer matches to review: uncertain merges, and same-name products kept apart.",
        discussion: """
            An offer from one source joins the product another source lists when brand, name and size agree \
            and the ingredient lists confirm it. A merge made without a list to compare, or with lists that \
            only nearly agree, is listed here as "review"; a same-name product whose list is very different \
            was kept apart ("keptApart": a possible reformulation, or a stale label). Fix one with \
            'skincat link OFFER PRODUCT' or 'skincat unlink OFFER'; later imports keep what you decide.
            """
    )

    @OptionGroup var catalog: CatalogOptions
    @OptionGroup var output: OutputOptions

    @Flag(help: "Every match decision, the certain merges and the links made by hand too.")
    var all = false

    func run(on catalog: Catalog) throws {
        let merges = try catalog.merges(all: all)
        try output.write(merges)
        if merges.isEmpty && output.format == .table {
            Terminal.diagnose(all ? "no offer was matched to another source's product" : "no merge to review")
        }
    }
}

struct LinkCommand: CatalogCommand {
    static let access = Catalog.Access.readWrite

    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Put an offer with a product: the same product, whatever the matching rules said.",
        discussion: """
            OFFER is SOURCE:SKU (or a sku only one source lists); PRODUCT is a product's sku, or any of its \
            offers. The offer's former product, left without offers, is removed (its verdicts move along). \
            Later imports keep the link.
            """
    )

    @OptionGroup var catalog: CatalogOptions

    @Argument(help: ArgumentHelp("The offer to move, as SOURCE:SKU.", valueName: "offer"))
    var offer: String

    @Argument(help: ArgumentHelp("The product it belongs with (a sku, or SOURCE:SKU).", valueName: "product"))
    var product: String

    func run(on catalog: Catalog) throws {
        let changed = try catalog.linkOffer(offer, to: product)
        Terminal.diagnose(changed ? "linked \(offer) with \(product)" : "\(offer) is already with \(product)")
    }
}

struct UnlinkCommand: CatalogCommand {
    static let access = Catalog.Access.readWrite

    static let configuration = CommandConfiguration(
        commandName: "unlink",
        abstract: "Take an offer out of its product into a product of its own, built from that offer's label.",
        discussion: "Later imports keep the offer apart from the offers it left."
    )

    @OptionGroup var catalog: CatalogOptions

    @Argument(help: ArgumentHelp("The offer, as SOURCE:SKU.", valueName: "offer"))
    var offer: String

    func run(on catalog: Catalog) throws {
        try catalog.unlinkOffer(offer)
        Terminal.diagnose("unlinked \(offer)")
    }
}
