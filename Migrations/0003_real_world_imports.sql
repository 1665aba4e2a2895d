-- 0003: real-world retailer exports (issue 5). What an import keeps beside the INCI list, how each printed name
-- was matched, why rows were set aside, and the counts of every run.

-- Marketing prose, disclaimers and kit component names set aside from the ingredients field: kept with the
-- product, never parsed as ingredient names.
ALTER TABLE product ADD COLUMN ingredientsPreamble TEXT;
-- The second price of a cell that holds two (`$11.20 $16.00`): `price` is the first, the current one.
ALTER TABLE product ADD COLUMN regularPrice REAL CHECK (regularPrice >= 0);
-- A shade or variant given where the size should be (`Color: Fair - Light`, `Scent: Lavender`).
ALTER TABLE product ADD COLUMN shade TEXT;

-- How the printed name was matched: exact (the whole name is a dictionary name), partial (a part of it:
-- `Parfum (Fragrance)`, `Aqua/Water/Eau`), fuzzy (a near miss: `Phenoxyethano`). NULL when unresolved.
ALTER TABLE productIngredient ADD COLUMN matchKind TEXT CHECK (matchKind IN ('exact', 'partial', 'fuzzy'));

-- The reason's category without the row's values, for counting quarantined rows by reason.
ALTER TABLE quarantinedRow ADD COLUMN reasonKind TEXT;

-- The profile or mapping a run read its file with, and its ingredient-token counts.
ALTER TABLE importRun ADD COLUMN profile TEXT;
ALTER TABLE importRun ADD COLUMN ingredientTokens INTEGER NOT NULL DEFAULT 0 CHECK (ingredientTokens >= 0);
ALTER TABLE importRun ADD COLUMN resolvedTokens INTEGER NOT NULL DEFAULT 0 CHECK (resolvedTokens >= 0);
ALTER TABLE importRun ADD COLUMN fuzzyTokens INTEGER NOT NULL DEFAULT 0 CHECK (fuzzyTokens >= 0);

-- One row per `skincat dictionary import` of one file.
CREATE TABLE dictionaryImport (
    id          INTEGER PRIMARY KEY,
    file        TEXT NOT NULL,
    origin      TEXT NOT NULL CHECK (origin IN ('cosing', 'user')),
    importedAt  TEXT NOT NULL,
    rowsRead    INTEGER NOT NULL CHECK (rowsRead >= 0),
    added       INTEGER NOT NULL CHECK (added >= 0),
    updated     INTEGER NOT NULL CHECK (updated >= 0),
    unchanged   INTEGER NOT NULL CHECK (unchanged >= 0),
    -- names that are already a reference alias of another ingredient: the reference data wins
    keptReference INTEGER NOT NULL CHECK (keptReference >= 0)
) STRICT;
