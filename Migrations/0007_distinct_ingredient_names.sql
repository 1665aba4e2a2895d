-- 0007: distinct printed names, resolved once; narrow ingredient lines (issue 12).
--
-- The same printed name ("Water", "Glycerin") was stored, keyed and resolved on every line: 21 million wide rows at
-- a million products. Now each distinct printed name is a row of `ingredientName` with its key and its resolution
-- (ingredient or group, match kind, and the dictionary revision it was resolved against), and a line refers to it
-- by id. A name is resolved the first time an import meets it, then looked up; a dictionary import re-resolves the
-- names (tens of thousands), not the lines.
--
-- `fuzzy` records whether fuzzy matching was allowed when the name was resolved: an import with --no-fuzzy uses
-- (and makes) the rows with fuzzy = 0, so its names never match fuzzily, whatever other imports did.
--
-- Existing lines keep their printed names; where one printed name was resolved differently on different lines
-- (imports before and after a dictionary change), the most recent line's resolution is kept.

CREATE TABLE ingredientName (
    id           INTEGER PRIMARY KEY,
    printedName  TEXT NOT NULL,
    fuzzy        INTEGER NOT NULL DEFAULT 1 CHECK (fuzzy IN (0, 1)),
    nameKey      TEXT NOT NULL,   -- the normalised printed name, the look-up key
    ingredientId INTEGER REFERENCES ingredient(id) ON DELETE SET NULL,
    -- exact, partial, fuzzy, shortened, renamed (see 0005); NULL when unresolved.
    matchKind    TEXT CHECK (matchKind IN ('exact', 'partial', 'fuzzy', 'shortened', 'renamed')),
    revision     TEXT NOT NULL,   -- the dictionary revision the name was resolved against
    -- 1: the name resolves to nothing, and was checked at this revision not to be two or more names printed
    -- without a separator (`Glycerin Niacinamide`), so an import need not load the dictionary to try it again.
    splitChecked INTEGER NOT NULL DEFAULT 0 CHECK (splitChecked IN (0, 1)),
    UNIQUE (printedName, fuzzy)
) STRICT;

INSERT INTO ingredientName (printedName, fuzzy, nameKey, ingredientId, matchKind, revision)
    SELECT printedName, 1, nameKey, ingredientId, matchKind,
           coalesce((SELECT value FROM catalogMeta WHERE key = 'dictionaryRevision'), '0')
    FROM (SELECT printedName, nameKey, ingredientId, matchKind, max(id) FROM productIngredient GROUP BY printedName)
    ORDER BY printedName;

-- One line per entry of a product's list, keyed by the product and the line's place among its lines (`line`);
-- `position` is the place in the printed list, NULL for may-contain entries and for declared actives the list
-- does not name.
CREATE TABLE productIngredient_new (
    productId         INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    line              INTEGER NOT NULL CHECK (line >= 1),
    position          INTEGER CHECK (position >= 1),
    nameId            INTEGER NOT NULL REFERENCES ingredientName(id),
    mayContain        INTEGER NOT NULL DEFAULT 0 CHECK (mayContain IN (0, 1)),
    amountPpm         REAL CHECK (amountPpm >= 0 AND amountPpm <= 1000000),
    -- declared: in the `actives` claim; printed: inside the INCI list; inferred: an upper bound from list order.
    amountSource      TEXT CHECK (amountSource IN ('declared', 'printed', 'inferred')),
    amountApproximate INTEGER NOT NULL DEFAULT 0 CHECK (amountApproximate IN (0, 1)),
    amountText        TEXT,
    CHECK ((amountPpm IS NULL) = (amountSource IS NULL)),
    PRIMARY KEY (productId, line)
) STRICT, WITHOUT ROWID;

INSERT INTO productIngredient_new (productId, line, position, nameId, mayContain, amountPpm, amountSource,
                                   amountApproximate, amountText)
    SELECT pi.productId, row_number() OVER (PARTITION BY pi.productId ORDER BY pi.id), pi.position, n.id,
           pi.mayContain, pi.amountPpm, pi.amountSource, pi.amountApproximate, pi.amountText
    FROM productIngredient pi JOIN ingredientName n ON n.printedName = pi.printedName AND n.fuzzy = 1
    ORDER BY pi.productId, pi.id;

DROP TABLE productIngredient;
ALTER TABLE productIngredient_new RENAME TO productIngredient;

-- The amount look-ups: the lines of a name (and so, through ingredientName, of an ingredient) with their amounts.
-- The primary key (productId, line) rides along in every entry, so the index covers "which products".
CREATE INDEX productIngredient_nameId ON productIngredient(nameId, amountPpm);
CREATE INDEX ingredientName_ingredientId ON ingredientName(ingredientId);
CREATE INDEX ingredientName_unresolved ON ingredientName(nameKey) WHERE ingredientId IS NULL;

-- Every line with its name and resolution, as the lines were before: what readers (and Datasette) query.
CREATE VIEW productIngredientLine AS
    SELECT pi.productId, pi.line, pi.position, n.printedName, n.nameKey, n.ingredientId, n.matchKind, pi.mayContain,
           pi.amountPpm, pi.amountSource, pi.amountApproximate, pi.amountText, pi.nameId
    FROM productIngredient pi JOIN ingredientName n ON n.id = pi.nameId;

-- The planner's statistics for the new table and indexes (the old ones went with the dropped table), so the
-- upgraded catalog plans its queries well before the next import analyses it again.
ANALYZE ingredientName;
ANALYZE productIngredient;
