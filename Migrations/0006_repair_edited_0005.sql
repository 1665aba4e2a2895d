-- 0006: repair catalogs migrated by the first version of 0005 (issue 11, finding 13).
--
-- 0005 was edited after it had landed on main: the edit let productIngredient.matchKind take 'renamed' and added
-- importRun.renamedTokens. A catalog migrated between the two versions has neither, so the code's writes fail on
-- it. This migration gives such a catalog both. It runs only on a catalog that lacks importRun.renamedTokens (the
-- condition is in Migrations.swift); on every other catalog it is recorded as applied without running, because
-- there is nothing to repair.
--
-- productIngredient is rebuilt with the definition the edited 0005 gives it, keeping its rows, ids and indexes.

CREATE TABLE productIngredient_new (
    id                INTEGER PRIMARY KEY,
    productId         INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    position          INTEGER CHECK (position >= 1),
    printedName       TEXT NOT NULL,
    nameKey           TEXT NOT NULL,   -- the normalised printed name, the look-up key
    ingredientId      INTEGER REFERENCES ingredient(id) ON DELETE SET NULL,
    mayContain        INTEGER NOT NULL DEFAULT 0 CHECK (mayContain IN (0, 1)),
    amountPpm         REAL CHECK (amountPpm >= 0 AND amountPpm <= 1000000),
    -- declared: in the `actives` claim; printed: inside the INCI list; inferred: an upper bound from list order.
    amountSource      TEXT CHECK (amountSource IN ('declared', 'printed', 'inferred')),
    amountApproximate INTEGER NOT NULL DEFAULT 0 CHECK (amountApproximate IN (0, 1)),
    amountText        TEXT,
    -- exact: the whole name is a dictionary name; partial: a part of it is (`Parfum (Fragrance)`); fuzzy: a near
    -- miss (`Phenoxyethano`); shortened: the name is a dictionary name with words left out (`Rosa Damascena`);
    -- renamed: an older or variant botanical spelling (`Citrus Medica Limonum` for CITRUS LIMON). NULL when unresolved.
    matchKind         TEXT CHECK (matchKind IN ('exact', 'partial', 'fuzzy', 'shortened', 'renamed')),
    CHECK ((amountPpm IS NULL) = (amountSource IS NULL)),
    UNIQUE (productId, position)
) STRICT;
INSERT INTO productIngredient_new (id, productId, position, printedName, nameKey, ingredientId, mayContain, amountPpm,
                                   amountSource, amountApproximate, amountText, matchKind)
    SELECT id, productId, position, printedName, nameKey, ingredientId, mayContain, amountPpm,
           amountSource, amountApproximate, amountText, matchKind
    FROM productIngredient;
DROP TABLE productIngredient;
ALTER TABLE productIngredient_new RENAME TO productIngredient;
CREATE INDEX productIngredient_ingredientId ON productIngredient(ingredientId, amountPpm);
CREATE INDEX productIngredient_unresolved ON productIngredient(nameKey) WHERE ingredientId IS NULL;

ALTER TABLE importRun ADD COLUMN renamedTokens INTEGER NOT NULL DEFAULT 0 CHECK (renamedTokens >= 0);
