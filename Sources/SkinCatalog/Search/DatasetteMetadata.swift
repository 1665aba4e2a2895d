/// The catalog described for Datasette (`skincat datasette-metadata`): a description of every table, view and
/// column, the full-text search configured on `product` and `productSummary`, and default facets.
///
/// This is the one source of truth for what each column means to a reader: a test checks that every table and
/// column of a new catalog is described here, and that nothing described is gone.
///
/// ```swift
/// let json = DatasetteMetadata.json(databaseName: "skincat").rendered(pretty: true)
/// ```
public enum DatasetteMetadata {
    /// A table or view and its columns, each with a one-line description.
    public struct Table: Sendable {
        /// The table's name in the catalog.
        public var name: String
        /// What one row is.
        public var description: String
        /// Each column's name and description, in the table's order.
        public var columns: [(name: String, description: String)]
        /// The columns Datasette shows facets for by default.
        public var facets: [String] = []
        /// True for the tables and views whose rows are products (id = product id): Datasette's search box
        /// searches them through `productSearch`.
        public var searchable = false
    }

    /// Every table and view of the catalog, in the order a reader meets them.
    public static let tables: [Table] =
        products + ingredients + imports + sourcesAndOffers + search + regulation
        + euLists + studies + bookkeeping

    /// The metadata JSON Datasette reads (`datasette skincat.sqlite --metadata metadata.json`): a title, a
    /// description, and for the database `databaseName` (the catalog file's name without `.sqlite`) every table's
    /// description and column descriptions, `fts_table`/`fts_pk` on the searchable ones, and default facets.
    public static func json(databaseName: String) -> JSONValue {
        let tableEntries: [(String, JSONValue)] = tables.map { table in
            var members: [(String, JSONValue)] = [
                ("description", .string(table.description)),
                ("columns", .object(table.columns.map { ($0.name, .string($0.description)) })),
            ]
            if table.searchable {
                members += [("fts_table", .string("productSearch")), ("fts_pk", .string("id"))]
            }
            if !table.facets.isEmpty { members.append(("facets", .array(table.facets.map(JSONValue.string)))) }
            return (table.name, .object(members))
        }
        return .object([
            ("title", .string("skincat catalog")),
            (
                "description",
                .string(
                    "Skincare products, their INCI lists resolved against an ingredient dictionary, and where each "
                        + "amount comes from. Search products with the box on product or productSummary.")
            ),
            ("source", .string("skincat")),
            ("databases", .object([(databaseName, .object([("tables", .object(tableEntries))]))])),
        ])
    }

    private static let products: [Table] = [
        Table(
            name: "product",
            description: "One product: the label of the offer it was imported from (brand, name, INCI list, size).",
            columns: [
                ("id", "The product's id."),
                ("sku", "The product's key: its sku, or SOURCE:SKU when another product had that sku first."),
                ("brand", "The brand as imported."), ("name", "The product name as imported."),
                ("category", "The retailer's category (Serum, Moisturizer)."),
                ("ingredientsText", "The INCI list as printed."),
                ("activesText", "The declared amounts as printed (NMN 4,000 ppm; Niacinamide 5%)."),
                ("sizeText", "The size as printed."), ("sizeMl", "The volume in mL, when the size gives one."),
                ("sizeG", "The mass in g, when the size gives one."), ("price", "The current price in currency."),
                ("currency", "The price's currency as imported (USD, EUR)."), ("url", "The product page."),
                ("packagingText", "The packaging as described."),
                ("isAirless", "1 when the packaging is airless."), ("isOpaque", "1 when it is opaque."),
                ("isLightProtective", "1 when it protects from light."),
                ("isSingleUse", "1 for single-use doses."), ("isJar", "1 for a jar."),
                ("isClear", "1 for clear packaging."), ("isPump", "1 for a pump."), ("isDropper", "1 for a dropper."),
                ("isTube", "1 for a tube."), ("isScrewCap", "1 for a screw cap."),
                ("deliveryText", "The delivery claim as printed (liposomal, fermented)."),
                ("extraFields", "The imported file's other columns, as a JSON object."),
                ("contentHash", "A digest of the row's fields: an identical re-import changes nothing."),
                ("importRunId", "The import run that last wrote the product."),
                ("sourceLine", "The line of the file it was read from."),
                ("ingredientsPreamble", "Prose set aside from the ingredients field (claims, kit names)."),
                ("regularPrice", "The regular price, when two prices were given."),
                ("shade", "A shade or variant given where the size should be."),
                ("productUse", "leaveOn, rinseOff or unknown: which regulatory caps apply."),
                ("identityKey", "The normalised brand and name that offers of several sources are matched by."),
                ("labelOfferId", "The offer whose label is the product's."),
            ], facets: ["brand", "category"], searchable: true),
        Table(
            name: "productSummary",
            description: "A view: one row per product with its packaging, delivery and actives with their amounts.",
            columns: [
                ("id", "The product's id."), ("sku", "The product's key."), ("brand", "The brand."),
                ("name", "The product name."), ("category", "The retailer's category."), ("price", "The price."),
                ("currency", "The price's currency."), ("sizeText", "The size as printed."),
                ("sizeMl", "The volume in mL."), ("sizeG", "The mass in g."),
                ("packaging", "The packaging attributes that hold (airless, opaque, pump, ...)."),
                ("delivery", "The delivery systems, declared or inferred."),
                ("actives", "Each ingredient with a declared or printed amount: INCI name, amount, and its source."),
                ("ingredientCount", "How many ingredients the printed list has."), ("url", "The product page."),
            ], facets: ["brand", "category", "packaging"], searchable: true),
        Table(
            name: "productIngredient",
            description: "One entry of a product's ingredient list, by the id of its printed name.",
            columns: [
                ("productId", "The product."), ("line", "The entry's place among the product's lines."),
                ("position", "The place in the printed list; empty for may-contain entries and unlisted actives."),
                ("nameId", "The printed name (ingredientName)."), ("mayContain", "1 for a may-contain entry."),
                ("amountPpm", "The amount in parts per million."),
                ("amountSource", "declared (the actives claim), printed (in the list) or inferred (a bound)."),
                ("amountApproximate", "1 when the amount was printed as approximate."),
                ("amountText", "The amount as printed."),
            ]),
        Table(
            name: "productIngredientLine",
            description: "A view: every ingredient line with its printed name and resolution.",
            columns: [
                ("productId", "The product."), ("line", "The entry's place among the product's lines."),
                ("position", "The place in the printed list."), ("printedName", "The name as printed."),
                ("nameKey", "The normalised printed name."), ("ingredientId", "The canonical ingredient, if resolved."),
                ("matchKind", "How the name was matched: exact, partial, fuzzy, shortened or renamed."),
                ("mayContain", "1 for a may-contain entry."), ("amountPpm", "The amount in parts per million."),
                ("amountSource", "declared, printed or inferred."),
                ("amountApproximate", "1 when approximate."), ("amountText", "The amount as printed."),
                ("nameId", "The printed name's id."),
            ]),
        Table(
            name: "productIngredientFlat",
            description: "A view: one row per ingredient line with its product and canonical INCI name.",
            columns: [
                ("productId", "The product's id."), ("sku", "The product's key."), ("brand", "The brand."),
                ("productName", "The product name."), ("line", "The entry's place among the product's lines."),
                ("position", "The place in the printed list."), ("printedName", "The name as printed."),
                ("inciName", "The canonical INCI name; empty when the name did not resolve."),
                ("matchKind", "How the name was matched."), ("mayContain", "1 for a may-contain entry."),
                ("amountPpm", "The amount in parts per million."), ("amountPercent", "The amount in percent."),
                ("amountSource", "declared, printed or inferred."), ("amountText", "The amount as printed."),
            ], facets: ["inciName", "amountSource"]),
        Table(
            name: "productDelivery",
            description: "A delivery system of a product, declared in its claim or inferred from its list.",
            columns: [
                ("productId", "The product."),
                ("system", "ferment-filtrate, liposomal or peptide-carrier."),
                ("basis", "declared or inferred."),
                ("evidence", "The claim, or the INCI names the inference rests on."),
            ]),
        Table(
            name: "productNamedAmount",
            description: "An amount stated in a product's name (Niacinamide 10%): the brand's claim.",
            columns: [
                ("productId", "The product."), ("ordinal", "The order in the name."),
                ("ingredientId", "The ingredient."), ("phrase", "The ingredient as the name prints it."),
                ("amountPpm", "The amount in parts per million."), ("amountApproximate", "1 when approximate."),
                ("amountText", "The amount as printed."), ("text", "The phrase and amount together."),
            ]),
        Table(
            name: "productListComponent",
            description: "Where a further list of a kit starts (Cleanser: ... Serum: ...).",
            columns: [
                ("productId", "The product."), ("component", "The component number (1, 2, ...)."),
                ("firstPosition", "The position of its first line."),
            ]),
        Table(
            name: "verdict",
            description: "What worked or failed for a person (profile), one per product.",
            columns: [
                ("id", "The verdict's id."), ("profile", "Whose verdict."), ("productId", "The product."),
                ("outcome", "worked or failed."), ("reason", "Why it failed: breakout, irritation, no-effect, other."),
                ("note", "A free note."), ("recordedAt", "When it was recorded."),
            ]),
    ]

    private static let ingredients: [Table] = [
        Table(
            name: "ingredient",
            description: "One canonical ingredient, named by its INCI name in upper case.",
            columns: [
                ("id", "The ingredient's id."), ("inciName", "The INCI name."), ("casNumber", "The CAS number."),
                ("einecsNumber", "The EINECS number."), ("functions", "CosIng functions, comma-separated."),
                ("evidenceGrade", "The strongest study design behind it."), ("note", "A note."),
                ("origin", "reference, cosing, user or group."),
            ]),
        Table(
            name: "ingredientName",
            description: "One distinct printed name and what it resolved to.",
            columns: [
                ("id", "The name's id."), ("printedName", "The name as printed."),
                ("fuzzy", "1 when fuzzy matching was allowed."), ("nameKey", "The normalised name."),
                ("ingredientId", "The ingredient it resolved to."), ("matchKind", "How it matched."),
                ("revision", "The dictionary revision it was resolved against."),
                ("splitChecked", "1 when checked not to be several names run together."),
            ]),
        Table(
            name: "ingredientAlias",
            description: "A name an ingredient is written under, with its look-up key.",
            columns: [
                ("aliasKey", "The normalised name."), ("alias", "The name."), ("ingredientId", "The ingredient."),
                ("kind", "inci, synonym or retired."), ("origin", "Where the alias comes from."),
            ]),
        Table(
            name: "ingredientClass",
            description: "A class of ingredients (NAD+ precursor, peptide, ferment filtrate).",
            columns: [("name", "The class's key."), ("label", "Its label."), ("description", "What it is.")]),
        Table(
            name: "ingredientClassMember",
            description: "An ingredient's membership of a class.",
            columns: [("ingredientId", "The ingredient."), ("className", "The class.")]),
        Table(
            name: "ingredientGroupMember",
            description: "A member of a group: an ingredient a shortened name can stand for.",
            columns: [("groupId", "The group (an ingredient of origin group)."), ("memberId", "The member.")]),
        Table(
            name: "ingredientLookalike",
            description: "Two ingredients never to be merged (NAD+ is not NMN).",
            columns: [
                ("ingredientId", "The ingredient."), ("lookalikeId", "Its look-alike."), ("note", "Why they differ."),
            ]),
        Table(
            name: "dictionaryImport",
            description: "One import of a dictionary file (CosIng or the user's).",
            columns: [
                ("id", "The import's id."), ("file", "The file."), ("origin", "cosing or user."),
                ("importedAt", "When."), ("rowsRead", "Rows read."), ("added", "Ingredients added."),
                ("updated", "Ingredients updated."), ("unchanged", "Ingredients unchanged."),
                ("keptReference", "Names kept for the reference data."),
            ]),
    ]

    private static let imports: [Table] = [
        Table(
            name: "importRun",
            description: "One import of one file, with its counts.",
            columns: [
                ("id", "The run's id."), ("file", "The file."), ("startedAt", "When it started."),
                ("finishedAt", "When it finished."), ("rowsRead", "Rows read."), ("inserted", "Products inserted."),
                ("updated", "Offers updated."), ("unchanged", "Offers unchanged."),
                ("quarantined", "Rows set aside."), ("unresolvedNames", "Distinct names that did not resolve."),
                ("profile", "The import profile."), ("ingredientTokens", "Ingredient names read."),
                ("resolvedTokens", "Names resolved."), ("fuzzyTokens", "Names resolved fuzzily."),
                ("shortenedTokens", "Names resolved through a shortened name."),
                ("groupTokens", "Of those, names resolved to a group."),
                ("renamedTokens", "Names resolved through an older or variant spelling."),
                ("sourceId", "The source the file is."), ("merged", "Offers merged with another source's product."),
                ("forReview", "Merges left for review."), ("keptApart", "Same-name products kept apart."),
                ("notSeen", "Offers of the source the file no longer lists."), ("pruned", "Offers deleted."),
                ("kind", "What the file held: products or studies."),
            ]),
        Table(
            name: "quarantinedRow",
            description: "A row that could not be imported, kept verbatim with why.",
            columns: [
                ("id", "The row's id."), ("importRunId", "The run."), ("file", "The file."), ("line", "The line."),
                ("field", "The field at fault."), ("reason", "Why."), ("rawRow", "The row as read."),
                ("reasonKind", "The reason without the row's values."),
            ]),
    ]

    private static let sourcesAndOffers: [Table] = [
        Table(
            name: "source",
            description: "A retailer or file products are imported from.",
            columns: [("id", "The source's id."), ("name", "Its name."), ("createdAt", "When first imported.")]),
        Table(
            name: "offer",
            description: "What one source lists for a product: its sku, price and label as that source prints it.",
            columns: [
                ("id", "The offer's id."), ("sourceId", "The source."), ("sku", "The sku within the source."),
                ("productId", "The product."), ("price", "The price."), ("regularPrice", "The regular price."),
                ("currency", "The currency."), ("sizeText", "The size as printed."), ("url", "The page."),
                ("shade", "The shade."), ("brand", "The brand as this source prints it (empty for the label)."),
                ("name", "The name as this source prints it (empty for the label)."),
                ("ingredientsText", "The list as this source prints it (empty for the label)."),
                ("activesText", "The actives as this source prints them (empty for the label)."),
                ("extraFields", "Other columns, as JSON."), ("contentHash", "A digest of the listing."),
                ("importRunId", "The last run that listed it."), ("sourceLine", "The line."),
                ("notSeenSince", "When an import of the source first missed it."),
            ]),
        Table(
            name: "offerMatch",
            description: "Why an offer is with its product: merged, for review, kept apart, linked or unlinked.",
            columns: [
                ("offerId", "The offer."), ("decision", "merged, review, keptApart, linked or unlinked."),
                ("otherProductId", "The product it was kept apart from."),
                ("similarity", "The name similarity, 0 to 1."), ("reason", "Why."), ("decidedAt", "When."),
            ]),
        Table(
            name: "offerDecision",
            description: "A user's link or unlink between two offers, kept across imports.",
            columns: [
                ("sourceId", "The offer's source."), ("sku", "The offer's sku."),
                ("otherSourceId", "The other offer's source."), ("otherSku", "The other offer's sku."),
                ("kind", "link or unlink."), ("decidedAt", "When."),
            ]),
    ]

    private static let search: [Table] = [
        Table(
            name: "productSearch",
            description: "The full-text index (FTS5): one row per product, its rowid the product's id.",
            columns: [
                ("brand", "The brand, and other sources' spellings."),
                ("name", "The name, and other sources' names."), ("category", "The category."),
                ("ingredients", "Every printed name, followed by its canonical INCI name where that differs."),
            ]),
        Table(
            name: "productSearchText",
            description: "A view: what productSearch indexes for each product.",
            columns: [
                ("id", "The product's id."), ("brand", "The brand text indexed."), ("name", "The name text indexed."),
                ("category", "The category."), ("ingredients", "The ingredient text indexed."),
            ]),
        Table(
            name: "productSearchPending",
            description: "Products whose search-index row is to be written again (empty between writes).",
            columns: [("productId", "The product.")]),
    ]

    private static let regulation: [Table] = [
        Table(
            name: "annexImport",
            description: "One import of a CosIng annex (III, V or VI).",
            columns: [
                ("id", "The import's id."), ("annex", "III, V or VI."), ("file", "The file."),
                ("importedAt", "When."), ("caps", "Caps read."), ("skipped", "Entries set aside."),
            ]),
        Table(
            name: "annexCap",
            description: "One clause of an annex entry for one name: a maximum concentration.",
            columns: [
                ("annexImportId", "The import."), ("ordinal", "The order."), ("reference", "The annex reference."),
                ("line", "The line."), ("clause", "The clause."), ("name", "The name."),
                ("nameKey", "The normalised name."), ("scope", "Which products the clause applies to."),
                ("productType", "The product type as written."), ("amountPpm", "The cap in ppm."),
                ("maximumText", "The maximum as written."), ("basis", "What the maximum is expressed as."),
            ]),
        Table(
            name: "annexSkip",
            description: "An annex entry set aside, with why.",
            columns: [
                ("annexImportId", "The import."), ("ordinal", "The order."), ("reference", "The annex reference."),
                ("line", "The line."), ("names", "The names, separated by '; '."), ("clause", "The clause."),
                ("reason", "Why it was set aside."), ("leavesCapUnknown", "1 when the cap stays unknown."),
            ]),
        Table(
            name: "ingredientCap",
            description: "An ingredient's cap per product use, derived from the annexes.",
            columns: [
                ("ingredientId", "The ingredient."), ("productUse", "leaveOn, rinseOff or unknown."),
                ("amountPpm", "The cap in ppm."), ("citation", "Where it comes from (Annex V ref 29)."),
            ]),
    ]

    private static let euLists: [Table] = [
        Table(
            name: "euListImport",
            description: "An EU list loaded by dictionary import (Annex II, the fragrance allergens), with provenance.",
            columns: [
                ("id", "The import's id."), ("list", "annexII or fragranceAllergens."), ("file", "The path as given."),
                ("fileName", "The file's name."), ("fileVersion", "The version the file states, if any."),
                ("byteCount", "The file's size in bytes."), ("sha256", "The file's SHA-256."),
                ("importedAt", "When (ISO 8601)."), ("entries", "Names it holds; 0 once a later file replaced it."),
            ]),
        Table(
            name: "euSubstance",
            description: "A name of an EU list (a prohibited substance, a labelled allergen).",
            columns: [
                ("euListImportId", "The list's import."), ("nameKey", "The name's look-up key."),
                ("name", "The name as the file spells it."), ("citation", "Where (Annex II ref 1380)."),
            ]),
    ]

    private static let studies: [Table] = [
        Table(
            name: "study",
            description: "A study behind an ingredient, shipped with skincat or imported by the user.",
            columns: [
                ("id", "The study's id."), ("key", "Its key: the DOI, else the PMID, else title and year."),
                ("doi", "The DOI, lower case."), ("pmid", "The PubMed id."), ("year", "The year."),
                ("journal", "The journal."), ("title", "The title."), ("authors", "The authors."),
                ("route", "topical, oral or injection; NULL when not stated."),
                ("subjects", "Who or what was studied."), ("durationText", "How long, as written."),
                ("durationWeeks", "How long, in weeks."), ("concentrationPpm", "The concentration tested, in ppm."),
                ("concentrationText", "The concentration as written."),
                ("outcome", "positive, null or negative."), ("url", "A link to the study."),
                ("summary", "What it found."), ("provenance", "Where the record comes from."),
                ("origin", "shipped (skincat's studies file) or user."),
            ]),
        Table(
            name: "studyDesign",
            description: "A study's design (in-vitro, animal, ex-vivo, synthetic-membrane, human-rct, ...).",
            columns: [("studyId", "The study."), ("design", "The design.")]),
        Table(
            name: "studyEndpoint",
            description: "What a study measured.",
            columns: [("studyId", "The study."), ("endpoint", "The endpoint.")]),
        Table(
            name: "studyIngredient",
            description: "An ingredient a study is about.",
            columns: [("studyId", "The study."), ("ingredientId", "The ingredient.")]),
    ]

    private static let bookkeeping: [Table] = [
        Table(
            name: "catalogMeta",
            description: "Facts about the catalog itself (reference data version, dictionary revision).",
            columns: [("key", "The fact."), ("value", "Its value.")]),
        Table(
            name: "grdb_migrations",
            description: "The migrations applied to the catalog.",
            columns: [("identifier", "The migration.")]),
        Table(
            name: "migrationChecksum",
            description: "The checksum of each migration applied, so an edited one is refused.",
            columns: [
                ("identifier", "The migration."), ("checksum", "Its checksum."), ("origin", "applied or baseline."),
            ]),
    ]
}
