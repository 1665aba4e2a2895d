-- 0008: the same CHECK constraints, written so that SQLite checks them without a temporary table (issue 12).
--
-- SQLite codes `x IN ('a', 'b', 'c')` with three or more values as a temporary b-tree that it builds again for
-- every row it checks: on an import, once per ingredient line. Under callgrind that was about a third of all the
-- instructions of importing a catalog (sqlite3BtreeCreateTable, the temporary pager and its memset, 112,593
-- times for 5,000 products). A chain of `=` tests compiles to plain comparisons. The allowed values are
-- unchanged: every row that passed the old checks passes the new ones.
--
-- The index of the lines by name no longer carries the amount: SQLite's sorter builds an index on (nameId) alone
-- 2.7 times faster than on (nameId, amountPpm) (0.44 s against 1.17 s for the 1,055,789 lines of the 50,000-product
-- benchmark catalog), and it is a byte smaller per line. An amount comparison reads the amount from the line itself,
-- by its key, for the lines of the names it asks about.
--
-- SQLite cannot change a CHECK constraint in place, so the tables whose rows are written in bulk (the lines, the
-- names, the deliveries, and the dictionary's ingredients and aliases) are rebuilt, keeping their rows, ids and
-- indexes. The view over the lines is dropped first and made again at the end, since it names the tables being
-- replaced. GRDB's rule is kept: a migration runs with foreign keys off, and they are checked before it commits.

DROP VIEW productIngredientLine;

CREATE TABLE ingredient_new (
    id            INTEGER PRIMARY KEY,
    inciName      TEXT NOT NULL UNIQUE CHECK (inciName <> '' AND inciName = upper(inciName)),
    casNumber     TEXT,
    einecsNumber  TEXT,
    functions     TEXT,   -- CosIng functions as listed there, comma-separated
    -- The strongest study design behind the ingredient, weakest first:
    evidenceGrade TEXT CHECK (evidenceGrade = 'cells' OR evidenceGrade = 'animal'
                              OR evidenceGrade = 'synthetic-membrane' OR evidenceGrade = 'human-observational'
                              OR evidenceGrade = 'human-rct' OR evidenceGrade = 'review'),
    note          TEXT,
    -- group: one of several dictionary names that a shortened printed name shares (see ingredientGroupMember).
    origin        TEXT NOT NULL CHECK (origin = 'reference' OR origin = 'cosing' OR origin = 'user'
                                       OR origin = 'group')
) STRICT;
INSERT INTO ingredient_new (id, inciName, casNumber, einecsNumber, functions, evidenceGrade, note, origin)
    SELECT id, inciName, casNumber, einecsNumber, functions, evidenceGrade, note, origin FROM ingredient;
DROP TABLE ingredient;
ALTER TABLE ingredient_new RENAME TO ingredient;

CREATE TABLE ingredientAlias_new (
    aliasKey     TEXT NOT NULL PRIMARY KEY CHECK (aliasKey <> ''),
    alias        TEXT NOT NULL,
    ingredientId INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind = 'inci' OR kind = 'synonym' OR kind = 'retired'),
    origin       TEXT NOT NULL CHECK (origin = 'reference' OR origin = 'cosing' OR origin = 'user'
                                      OR origin = 'group')
) STRICT, WITHOUT ROWID;
INSERT INTO ingredientAlias_new (aliasKey, alias, ingredientId, kind, origin)
    SELECT aliasKey, alias, ingredientId, kind, origin FROM ingredientAlias;
DROP TABLE ingredientAlias;
ALTER TABLE ingredientAlias_new RENAME TO ingredientAlias;
CREATE INDEX ingredientAlias_ingredientId ON ingredientAlias(ingredientId);

CREATE TABLE ingredientName_new (
    id           INTEGER PRIMARY KEY,
    printedName  TEXT NOT NULL,
    fuzzy        INTEGER NOT NULL DEFAULT 1 CHECK (fuzzy IN (0, 1)),
    nameKey      TEXT NOT NULL,   -- the normalised printed name, the look-up key
    ingredientId INTEGER REFERENCES ingredient(id) ON DELETE SET NULL,
    -- exact, partial, fuzzy, shortened, renamed (see 0005); NULL when unresolved.
    matchKind    TEXT CHECK (matchKind = 'exact' OR matchKind = 'partial' OR matchKind = 'fuzzy'
                             OR matchKind = 'shortened' OR matchKind = 'renamed'),
    revision     TEXT NOT NULL,   -- the dictionary revision the name was resolved against
    -- 1: the name resolves to nothing, and was checked at this revision not to be two or more names printed
    -- without a separator (`Glycerin Niacinamide`), so an import need not load the dictionary to try it again.
    splitChecked INTEGER NOT NULL DEFAULT 0 CHECK (splitChecked IN (0, 1)),
    UNIQUE (printedName, fuzzy)
) STRICT;
INSERT INTO ingredientName_new (id, printedName, fuzzy, nameKey, ingredientId, matchKind, revision, splitChecked)
    SELECT id, printedName, fuzzy, nameKey, ingredientId, matchKind, revision, splitChecked FROM ingredientName;
DROP TABLE ingredientName;
ALTER TABLE ingredientName_new RENAME TO ingredientName;
CREATE INDEX ingredientName_ingredientId ON ingredientName(ingredientId);
CREATE INDEX ingredientName_unresolved ON ingredientName(nameKey) WHERE ingredientId IS NULL;

CREATE TABLE productDelivery_new (
    productId INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    system    TEXT NOT NULL CHECK (system = 'ferment-filtrate' OR system = 'liposomal' OR system = 'peptide-carrier'),
    basis     TEXT NOT NULL CHECK (basis IN ('declared', 'inferred')),
    evidence  TEXT NOT NULL,   -- the claim, or the INCI names the inference rests on
    PRIMARY KEY (productId, system)
) STRICT, WITHOUT ROWID;
INSERT INTO productDelivery_new (productId, system, basis, evidence)
    SELECT productId, system, basis, evidence FROM productDelivery ORDER BY productId, system;
DROP TABLE productDelivery;
ALTER TABLE productDelivery_new RENAME TO productDelivery;
CREATE INDEX productDelivery_system ON productDelivery(system, basis, productId);

-- One line per entry of a product's list (see 0007).
CREATE TABLE productIngredient_new (
    productId         INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    line              INTEGER NOT NULL CHECK (line >= 1),
    position          INTEGER CHECK (position >= 1),
    nameId            INTEGER NOT NULL REFERENCES ingredientName(id),
    mayContain        INTEGER NOT NULL DEFAULT 0 CHECK (mayContain IN (0, 1)),
    amountPpm         REAL CHECK (amountPpm >= 0 AND amountPpm <= 1000000),
    -- declared: in the `actives` claim; printed: inside the INCI list; inferred: an upper bound from list order.
    amountSource      TEXT CHECK (amountSource = 'declared' OR amountSource = 'printed' OR amountSource = 'inferred'),
    amountApproximate INTEGER NOT NULL DEFAULT 0 CHECK (amountApproximate IN (0, 1)),
    amountText        TEXT,
    CHECK ((amountPpm IS NULL) = (amountSource IS NULL)),
    PRIMARY KEY (productId, line)
) STRICT, WITHOUT ROWID;
INSERT INTO productIngredient_new (productId, line, position, nameId, mayContain, amountPpm, amountSource,
                                   amountApproximate, amountText)
    SELECT productId, line, position, nameId, mayContain, amountPpm, amountSource, amountApproximate, amountText
    FROM productIngredient ORDER BY productId, line;
DROP TABLE productIngredient;
ALTER TABLE productIngredient_new RENAME TO productIngredient;
CREATE INDEX productIngredient_nameId ON productIngredient(nameId);

-- Every line with its name and resolution (as in 0007): what readers (and Datasette) query.
CREATE VIEW productIngredientLine AS
    SELECT pi.productId, pi.line, pi.position, n.printedName, n.nameKey, n.ingredientId, n.matchKind, pi.mayContain,
           pi.amountPpm, pi.amountSource, pi.amountApproximate, pi.amountText, pi.nameId
    FROM productIngredient pi JOIN ingredientName n ON n.id = pi.nameId;

ANALYZE ingredient;
ANALYZE ingredientAlias;
ANALYZE ingredientName;
ANALYZE productDelivery;
ANALYZE productIngredient;
