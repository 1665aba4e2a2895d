-- 0005: shortened names and ingredient groups (issue 5).
--
-- A printed name can be a dictionary name with words left out: the plant part (`Vitis Vinifera Extract`), or the
-- end of the name (`Rosa Damascena`, `Sodium Lauroyl`). When it is short for one dictionary name it resolves to
-- that ingredient, with match kind `shortened`. When several names share it, it resolves to a group: an
-- ingredient row of origin `group` that stands for "one of its members; the label does not say which". Imports
-- make groups; a change of the dictionary drops them, and the next import makes them again from the new names.
--
-- SQLite cannot widen a CHECK constraint in place, so the three tables whose CHECKs name the allowed origins and
-- match kinds are rebuilt, keeping their rows, ids and indexes. GRDB runs a migration with foreign keys off and
-- checks them before it commits.

CREATE TABLE ingredient_new (
    id            INTEGER PRIMARY KEY,
    inciName      TEXT NOT NULL UNIQUE CHECK (inciName <> '' AND inciName = upper(inciName)),
    casNumber     TEXT,
    einecsNumber  TEXT,
    functions     TEXT,   -- CosIng functions as listed there, comma-separated
    -- The strongest study design behind the ingredient, weakest first:
    evidenceGrade TEXT CHECK (evidenceGrade IN
        ('cells', 'animal', 'synthetic-membrane', 'human-observational', 'human-rct', 'review')),
    note          TEXT,
    -- group: one of several dictionary names that a shortened printed name shares (see ingredientGroupMember).
    origin        TEXT NOT NULL CHECK (origin IN ('reference', 'cosing', 'user', 'group'))
) STRICT;
INSERT INTO ingredient_new (id, inciName, casNumber, einecsNumber, functions, evidenceGrade, note, origin)
    SELECT id, inciName, casNumber, einecsNumber, functions, evidenceGrade, note, origin FROM ingredient;
DROP TABLE ingredient;
ALTER TABLE ingredient_new RENAME TO ingredient;

CREATE TABLE ingredientAlias_new (
    aliasKey     TEXT NOT NULL PRIMARY KEY CHECK (aliasKey <> ''),
    alias        TEXT NOT NULL,
    ingredientId INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('inci', 'synonym', 'retired')),
    origin       TEXT NOT NULL CHECK (origin IN ('reference', 'cosing', 'user', 'group'))
) STRICT, WITHOUT ROWID;
INSERT INTO ingredientAlias_new (aliasKey, alias, ingredientId, kind, origin)
    SELECT aliasKey, alias, ingredientId, kind, origin FROM ingredientAlias;
DROP TABLE ingredientAlias;
ALTER TABLE ingredientAlias_new RENAME TO ingredientAlias;
CREATE INDEX ingredientAlias_ingredientId ON ingredientAlias(ingredientId);

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
    -- miss (`Phenoxyethano`); shortened: the name is a dictionary name with words left out (`Rosa Damascena`).
    -- NULL when unresolved.
    matchKind         TEXT CHECK (matchKind IN ('exact', 'partial', 'fuzzy', 'shortened')),
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

-- The members of a group: every dictionary ingredient its shortened name can stand for.
CREATE TABLE ingredientGroupMember (
    groupId  INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    memberId INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    PRIMARY KEY (groupId, memberId),
    CHECK (groupId <> memberId)
) STRICT, WITHOUT ROWID;
CREATE INDEX ingredientGroupMember_memberId ON ingredientGroupMember(memberId);

-- Of an import run's resolved tokens: how many through a shortened name, and of those how many to a group.
ALTER TABLE importRun ADD COLUMN shortenedTokens INTEGER NOT NULL DEFAULT 0 CHECK (shortenedTokens >= 0);
ALTER TABLE importRun ADD COLUMN groupTokens INTEGER NOT NULL DEFAULT 0 CHECK (groupTokens >= 0);
