-- 0009: concentration evidence beyond the label's printed amounts (issue 15): amounts a product's name states,
-- caps read from the EU CosIng annexes, and each product's use (leave-on, rinse-off), so the 1 % line of a list
-- can rest on the annexes (docs/concentration-evidence.md).
--
-- Nothing here touches productIngredient: its lines keep the label's own amounts (declared, printed, inferred),
-- and a named amount, a brand's claim, lives beside them in a sparse table of its own. Where the name and the label
-- disagree both are kept, and readers take the label's.

-- How the product is used, for looking annex caps up: told at import from its category, else its name
-- (ProductUse.classify). NULL for a product imported before 0009, read as unknown until its file is imported again.
ALTER TABLE product ADD COLUMN productUse TEXT
    CHECK (productUse = 'leaveOn' OR productUse = 'rinseOff' OR productUse = 'unknown');

-- An amount the product's name states for an ingredient (`Niacinamide 10% + Zinc 1% Serum`), read at import by
-- NamedAmounts: source `named`, weaker than a declared or printed amount, stronger than a bound from list order.
CREATE TABLE productNamedAmount (
    productId         INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    ordinal           INTEGER NOT NULL CHECK (ordinal >= 1),   -- the order in the name
    ingredientId      INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    phrase            TEXT NOT NULL,    -- the ingredient as the name prints it (`Niacinamide`, `Vitamin B3`)
    amountPpm         REAL NOT NULL CHECK (amountPpm > 0 AND amountPpm <= 1000000),
    amountApproximate INTEGER NOT NULL DEFAULT 0 CHECK (amountApproximate IN (0, 1)),
    amountText        TEXT NOT NULL,    -- the amount as printed (`10%`, `4000ppm`)
    text              TEXT NOT NULL,    -- the phrase and amount together (`Niacinamide 10%`, `5% Niacinamide`)
    PRIMARY KEY (productId, ordinal)
) STRICT, WITHOUT ROWID;
CREATE INDEX productNamedAmount_ingredientId ON productNamedAmount(ingredientId, amountPpm);

-- Where each further list of a kit starts (`Cleanser: ... Serum: ...`): its component number (1, 2, ...) and the
-- position of its first line. Only kits have rows. Each list is in descending order on its own, so list-order bounds
-- never cross a component; the lines themselves (productIngredient) do not say which component they belong to.
CREATE TABLE productListComponent (
    productId     INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    component     INTEGER NOT NULL CHECK (component >= 1),
    firstPosition INTEGER NOT NULL CHECK (firstPosition >= 1),
    PRIMARY KEY (productId, component)
) STRICT, WITHOUT ROWID;

-- One row per annex export loaded with `skincat dictionary import`. A later file of the same annex replaces the
-- caps of the earlier ones (the 2025 exports supersede the 2016 ones); the runs stay as a record.
CREATE TABLE annexImport (
    id         INTEGER PRIMARY KEY,
    annex      TEXT NOT NULL CHECK (annex = 'III' OR annex = 'V' OR annex = 'VI'),
    file       TEXT NOT NULL,
    importedAt TEXT NOT NULL,
    caps       INTEGER NOT NULL CHECK (caps >= 0),
    skipped    INTEGER NOT NULL CHECK (skipped >= 0)
) STRICT;

-- One clause of an annex entry for one glossary name, as AnnexCaps read it.
CREATE TABLE annexCap (
    annexImportId INTEGER NOT NULL REFERENCES annexImport(id) ON DELETE CASCADE,
    ordinal       INTEGER NOT NULL CHECK (ordinal >= 1),
    reference     TEXT NOT NULL,
    line          INTEGER NOT NULL CHECK (line >= 1),
    clause        TEXT,
    name          TEXT NOT NULL,
    nameKey       TEXT NOT NULL,
    scope         TEXT NOT NULL CHECK (scope = 'allProducts' OR scope = 'leaveOn' OR scope = 'rinseOff'
                                       OR scope = 'specific' OR scope = 'notSkin'),
    productType   TEXT NOT NULL,
    amountPpm     REAL CHECK (amountPpm > 0 AND amountPpm <= 1000000),   -- NULL: regulated, but not capped
    maximumText   TEXT NOT NULL,
    basis         TEXT,
    PRIMARY KEY (annexImportId, ordinal)
) STRICT, WITHOUT ROWID;
CREATE INDEX annexCap_nameKey ON annexCap(nameKey);

-- An annex entry, or a clause of one, that gave no cap, with the reason; `leavesCapUnknown` = 1 when it could
-- apply to a skin product, so its names have no cap at all (it might allow more).
CREATE TABLE annexSkip (
    annexImportId    INTEGER NOT NULL REFERENCES annexImport(id) ON DELETE CASCADE,
    ordinal          INTEGER NOT NULL CHECK (ordinal >= 1),
    reference        TEXT NOT NULL,
    line             INTEGER NOT NULL CHECK (line >= 1),
    names            TEXT NOT NULL,   -- the glossary names, separated by '; '
    clause           TEXT,
    reason           TEXT NOT NULL,
    leavesCapUnknown INTEGER NOT NULL CHECK (leavesCapUnknown IN (0, 1)),
    PRIMARY KEY (annexImportId, ordinal)
) STRICT, WITHOUT ROWID;

-- The cap of a dictionary ingredient per product use, derived from annexCap and annexSkip
-- (AnnexCaps.limit(for:productType:)) for every ingredient one of whose names the annexes name. Rebuilt whenever
-- an annex or the dictionary is imported: never edited by hand.
CREATE TABLE ingredientCap (
    ingredientId INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    productUse   TEXT NOT NULL CHECK (productUse = 'leaveOn' OR productUse = 'rinseOff' OR productUse = 'unknown'),
    amountPpm    REAL NOT NULL CHECK (amountPpm > 0 AND amountPpm <= 1000000),
    citation     TEXT NOT NULL,   -- `Annex V ref 29`
    PRIMARY KEY (ingredientId, productUse)
) STRICT, WITHOUT ROWID;
