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
CREATE TABLE annexImport (
    id         INTEGER PRIMARY KEY,
    annex      TEXT NOT NULL CHECK (annex = 'III' OR annex = 'V' OR annex = 'VI'),
    file       TEXT NOT NULL,
    importedAt TEXT NOT NULL,
    caps       INTEGER NOT NULL CHECK (caps >= 0),
    skipped    INTEGER NOT NULL CHECK (skipped >= 0)
) STRICT;
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
CREATE TABLE catalogMeta (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
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
CREATE TABLE euListImport (
    id          INTEGER PRIMARY KEY,
    list        TEXT NOT NULL CHECK (list = 'annexII' OR list = 'fragranceAllergens'),
    file        TEXT NOT NULL,                               -- the path as given
    fileName    TEXT NOT NULL CHECK (fileName <> ''),        -- its last component
    fileVersion TEXT,   -- as the file states it (`File creation date: 11/11/2025; Last update: 31/10/2025`); NULL: none
    byteCount   INTEGER NOT NULL CHECK (byteCount >= 0),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    importedAt  TEXT NOT NULL,                               -- ISO 8601
    entries     INTEGER NOT NULL CHECK (entries >= 0)        -- names it still holds: 0 once a later file replaced it
) STRICT;
CREATE TABLE euSubstance (
    euListImportId INTEGER NOT NULL REFERENCES euListImport(id) ON DELETE CASCADE,
    nameKey        TEXT NOT NULL CHECK (nameKey <> ''),   -- NameKey of the name
    name           TEXT NOT NULL,                         -- as the file spells it
    citation       TEXT NOT NULL,
    PRIMARY KEY (euListImportId, nameKey)
) STRICT, WITHOUT ROWID;
CREATE TABLE importRun (
    id                  INTEGER PRIMARY KEY,
    file                TEXT NOT NULL,
    startedAt           TEXT NOT NULL,
    finishedAt          TEXT,
    rowsRead            INTEGER NOT NULL DEFAULT 0 CHECK (rowsRead >= 0),
    inserted            INTEGER NOT NULL DEFAULT 0 CHECK (inserted >= 0),
    updated             INTEGER NOT NULL DEFAULT 0 CHECK (updated >= 0),
    unchanged           INTEGER NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
    quarantined         INTEGER NOT NULL DEFAULT 0 CHECK (quarantined >= 0),
    unresolvedNames     INTEGER NOT NULL DEFAULT 0 CHECK (unresolvedNames >= 0)
, profile TEXT, ingredientTokens INTEGER NOT NULL DEFAULT 0 CHECK (ingredientTokens >= 0), resolvedTokens INTEGER NOT NULL DEFAULT 0 CHECK (resolvedTokens >= 0), fuzzyTokens INTEGER NOT NULL DEFAULT 0 CHECK (fuzzyTokens >= 0), shortenedTokens INTEGER NOT NULL DEFAULT 0 CHECK (shortenedTokens >= 0), groupTokens INTEGER NOT NULL DEFAULT 0 CHECK (groupTokens >= 0), renamedTokens INTEGER NOT NULL DEFAULT 0 CHECK (renamedTokens >= 0), sourceId INTEGER REFERENCES source(id) ON DELETE SET NULL, merged INTEGER NOT NULL DEFAULT 0 CHECK (merged >= 0), forReview INTEGER NOT NULL DEFAULT 0 CHECK (forReview >= 0), keptApart INTEGER NOT NULL DEFAULT 0 CHECK (keptApart >= 0), notSeen INTEGER NOT NULL DEFAULT 0 CHECK (notSeen >= 0), pruned INTEGER NOT NULL DEFAULT 0 CHECK (pruned >= 0), kind TEXT NOT NULL DEFAULT 'products' CHECK (kind = 'products' OR kind = 'studies')) STRICT;
CREATE TABLE "ingredient" (
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
CREATE TABLE "ingredientAlias" (
    aliasKey     TEXT NOT NULL PRIMARY KEY CHECK (aliasKey <> ''),
    alias        TEXT NOT NULL,
    ingredientId INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind = 'inci' OR kind = 'synonym' OR kind = 'retired'),
    origin       TEXT NOT NULL CHECK (origin = 'reference' OR origin = 'cosing' OR origin = 'user'
                                      OR origin = 'group')
) STRICT, WITHOUT ROWID;
CREATE TABLE ingredientCap (
    ingredientId INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    productUse   TEXT NOT NULL CHECK (productUse = 'leaveOn' OR productUse = 'rinseOff' OR productUse = 'unknown'),
    amountPpm    REAL NOT NULL CHECK (amountPpm > 0 AND amountPpm <= 1000000),
    citation     TEXT NOT NULL,   -- `Annex V ref 29`
    PRIMARY KEY (ingredientId, productUse)
) STRICT, WITHOUT ROWID;
CREATE TABLE ingredientClass (
    name        TEXT NOT NULL PRIMARY KEY CHECK (name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9-]*'),
    label       TEXT NOT NULL,
    description TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE ingredientClassMember (
    ingredientId INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    className    TEXT NOT NULL REFERENCES ingredientClass(name) ON DELETE CASCADE,
    PRIMARY KEY (ingredientId, className)
) STRICT, WITHOUT ROWID;
CREATE TABLE ingredientGroupMember (
    groupId  INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    memberId INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    PRIMARY KEY (groupId, memberId),
    CHECK (groupId <> memberId)
) STRICT, WITHOUT ROWID;
CREATE TABLE ingredientLookalike (
    ingredientId INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    lookalikeId  INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    note         TEXT NOT NULL,
    PRIMARY KEY (ingredientId, lookalikeId),
    CHECK (ingredientId <> lookalikeId)
) STRICT, WITHOUT ROWID;
CREATE TABLE "ingredientName" (
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
CREATE TABLE migrationChecksum (
    identifier TEXT NOT NULL PRIMARY KEY,
    checksum   TEXT NOT NULL,
    -- applied: this SQL ran on the catalog (or its condition said there was nothing to do);
    -- baseline: applied before checksums were recorded, and taken to be the shipped file.
    origin     TEXT NOT NULL CHECK (origin IN ('applied', 'baseline'))
) STRICT, WITHOUT ROWID;
CREATE TABLE offer (
    id              INTEGER PRIMARY KEY,
    sourceId        INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    sku             TEXT NOT NULL CHECK (sku <> ''),
    productId       INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    price           REAL CHECK (price >= 0),
    regularPrice    REAL CHECK (regularPrice >= 0),
    currency        TEXT,
    sizeText        TEXT,
    url             TEXT,
    shade           TEXT,
    -- The listing as this source prints it; NULL for the label offer, whose texts are the product's.
    brand           TEXT,
    name            TEXT,
    ingredientsText TEXT,
    activesText     TEXT,
    extraFields     TEXT CHECK (extraFields IS NULL OR json_valid(extraFields)),
    contentHash     TEXT NOT NULL,
    importRunId     INTEGER REFERENCES importRun(id) ON DELETE SET NULL,   -- the last run that listed it
    sourceLine      INTEGER,
    -- NULL while the latest import of its source lists it; else when an import of the source first missed it.
    notSeenSince    TEXT,
    UNIQUE (sourceId, sku)
) STRICT;
CREATE TABLE offerDecision (
    sourceId      INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    sku           TEXT NOT NULL,
    otherSourceId INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    otherSku      TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind = 'link' OR kind = 'unlink'),
    decidedAt     TEXT NOT NULL,
    PRIMARY KEY (sourceId, sku, otherSourceId, otherSku)
) STRICT, WITHOUT ROWID;
CREATE TABLE offerMatch (
    offerId        INTEGER PRIMARY KEY REFERENCES offer(id) ON DELETE CASCADE,
    decision       TEXT NOT NULL CHECK (decision = 'merged' OR decision = 'review' OR decision = 'keptApart'
                                        OR decision = 'linked' OR decision = 'unlinked'),
    otherProductId INTEGER REFERENCES product(id) ON DELETE SET NULL,
    similarity     REAL CHECK (similarity >= 0 AND similarity <= 1),
    reason         TEXT NOT NULL,
    decidedAt      TEXT NOT NULL
) STRICT;
CREATE TABLE product (
    id                INTEGER PRIMARY KEY,
    sku               TEXT NOT NULL UNIQUE CHECK (sku <> ''),
    brand             TEXT NOT NULL,
    name              TEXT NOT NULL,
    category          TEXT,
    ingredientsText   TEXT,   -- the INCI list as printed
    activesText       TEXT,   -- the declared amounts as printed
    sizeText          TEXT,
    sizeMl            REAL CHECK (sizeMl > 0),
    sizeG             REAL CHECK (sizeG > 0),
    price             REAL CHECK (price >= 0),
    currency          TEXT,
    url               TEXT,
    packagingText     TEXT,
    isAirless         INTEGER NOT NULL DEFAULT 0 CHECK (isAirless IN (0, 1)),
    isOpaque          INTEGER NOT NULL DEFAULT 0 CHECK (isOpaque IN (0, 1)),
    isLightProtective INTEGER NOT NULL DEFAULT 0 CHECK (isLightProtective IN (0, 1)),
    isSingleUse       INTEGER NOT NULL DEFAULT 0 CHECK (isSingleUse IN (0, 1)),
    isJar             INTEGER NOT NULL DEFAULT 0 CHECK (isJar IN (0, 1)),
    isClear           INTEGER NOT NULL DEFAULT 0 CHECK (isClear IN (0, 1)),
    isPump            INTEGER NOT NULL DEFAULT 0 CHECK (isPump IN (0, 1)),
    isDropper         INTEGER NOT NULL DEFAULT 0 CHECK (isDropper IN (0, 1)),
    isTube            INTEGER NOT NULL DEFAULT 0 CHECK (isTube IN (0, 1)),
    isScrewCap        INTEGER NOT NULL DEFAULT 0 CHECK (isScrewCap IN (0, 1)),
    deliveryText      TEXT,
    -- Columns of the imported file that the CSV contract does not know, as a JSON object: kept, never dropped.
    extraFields       TEXT CHECK (extraFields IS NULL OR json_valid(extraFields)),
    -- A digest of the row's contract fields: a re-import of an identical row leaves the product untouched.
    contentHash       TEXT NOT NULL,
    importRunId       INTEGER REFERENCES importRun(id) ON DELETE SET NULL,
    sourceLine        INTEGER
, ingredientsPreamble TEXT, regularPrice REAL CHECK (regularPrice >= 0), shade TEXT, productUse TEXT
    CHECK (productUse = 'leaveOn' OR productUse = 'rinseOff' OR productUse = 'unknown'), identityKey TEXT, labelOfferId INTEGER) STRICT;
CREATE TABLE "productDelivery" (
    productId INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    system    TEXT NOT NULL CHECK (system = 'ferment-filtrate' OR system = 'liposomal' OR system = 'peptide-carrier'),
    basis     TEXT NOT NULL CHECK (basis IN ('declared', 'inferred')),
    evidence  TEXT NOT NULL,   -- the claim, or the INCI names the inference rests on
    PRIMARY KEY (productId, system)
) STRICT, WITHOUT ROWID;
CREATE TABLE "productIngredient" (
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
CREATE TABLE productListComponent (
    productId     INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    component     INTEGER NOT NULL CHECK (component >= 1),
    firstPosition INTEGER NOT NULL CHECK (firstPosition >= 1),
    PRIMARY KEY (productId, component)
) STRICT, WITHOUT ROWID;
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
CREATE VIRTUAL TABLE productSearch USING fts5(
    brand, name, category, ingredients,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE productSearchPending (
    productId INTEGER PRIMARY KEY
) STRICT;
CREATE TABLE 'productSearch_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE 'productSearch_content'(id INTEGER PRIMARY KEY, c0, c1, c2, c3);
CREATE TABLE 'productSearch_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'productSearch_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'productSearch_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE quarantinedRow (
    id          INTEGER PRIMARY KEY,
    importRunId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
    file        TEXT NOT NULL,
    line        INTEGER NOT NULL CHECK (line >= 1),
    field       TEXT,
    reason      TEXT NOT NULL,
    rawRow      TEXT NOT NULL
, reasonKind TEXT) STRICT;
CREATE TABLE source (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE
              CHECK (name <> '' AND name = trim(name) AND length(name) <= 64 AND instr(name, ':') = 0),
    createdAt TEXT NOT NULL
) STRICT;
CREATE TABLE "study" (
    id                INTEGER PRIMARY KEY,
    key               TEXT NOT NULL UNIQUE CHECK (key <> ''),
    doi               TEXT CHECK (doi <> ''),
    pmid              TEXT CHECK (pmid <> ''),
    year              INTEGER CHECK (year BETWEEN 1900 AND 2100),
    journal           TEXT,
    title             TEXT NOT NULL CHECK (title <> ''),
    authors           TEXT,
    route             TEXT CHECK (route = 'topical' OR route = 'oral' OR route = 'injection'),
    subjects          TEXT,
    durationText      TEXT,
    durationWeeks     REAL CHECK (durationWeeks >= 0),
    concentrationPpm  REAL CHECK (concentrationPpm >= 0),
    concentrationText TEXT,
    outcome           TEXT NOT NULL DEFAULT 'positive'
                      CHECK (outcome = 'positive' OR outcome = 'null' OR outcome = 'negative'),
    url               TEXT,
    summary           TEXT NOT NULL DEFAULT '',
    provenance        TEXT NOT NULL DEFAULT '',
    origin            TEXT NOT NULL DEFAULT 'user' CHECK (origin = 'shipped' OR origin = 'user')
) STRICT;
CREATE TABLE studyDesign (
    studyId INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    design  TEXT NOT NULL CHECK (design = 'in-vitro' OR design = 'animal' OR design = 'ex-vivo'
                                 OR design = 'synthetic-membrane' OR design = 'human-observational'
                                 OR design = 'human-rct' OR design = 'systematic-review'),
    PRIMARY KEY (studyId, design)
) STRICT, WITHOUT ROWID;
CREATE TABLE studyEndpoint (
    studyId  INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    endpoint TEXT NOT NULL CHECK (endpoint GLOB '[a-z]*' AND endpoint NOT GLOB '*[^a-z-]*'),
    PRIMARY KEY (studyId, endpoint)
) STRICT, WITHOUT ROWID;
CREATE TABLE studyIngredient (
    studyId      INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    ingredientId INTEGER NOT NULL REFERENCES ingredient(id) ON DELETE CASCADE,
    PRIMARY KEY (studyId, ingredientId)
) STRICT, WITHOUT ROWID;
CREATE TABLE verdict (
    id         INTEGER PRIMARY KEY,
    -- Whose verdict: a short name chosen by the user ('default' when none is given).
    profile    TEXT NOT NULL CHECK (profile <> '' AND profile = trim(profile) AND length(profile) <= 64),
    productId  INTEGER NOT NULL REFERENCES product(id) ON DELETE CASCADE,
    outcome    TEXT NOT NULL CHECK (outcome IN ('worked', 'failed')),
    -- Why it failed; only a failed product has a reason.
    reason     TEXT CHECK (reason IN ('breakout', 'irritation', 'no-effect', 'other')),
    note       TEXT CHECK (note <> ''),
    recordedAt TEXT NOT NULL,
    CHECK (reason IS NULL OR outcome = 'failed'),
    -- One verdict per person and product: a changed mind replaces the verdict.
    UNIQUE (profile, productId)
) STRICT;
CREATE INDEX annexCap_nameKey ON annexCap(nameKey);
CREATE INDEX ingredientAlias_ingredientId ON ingredientAlias(ingredientId);
CREATE INDEX ingredientClassMember_className ON ingredientClassMember(className, ingredientId);
CREATE INDEX ingredientGroupMember_memberId ON ingredientGroupMember(memberId);
CREATE INDEX ingredientLookalike_lookalikeId ON ingredientLookalike(lookalikeId);
CREATE INDEX ingredientName_ingredientId ON ingredientName(ingredientId);
CREATE INDEX ingredientName_unresolved ON ingredientName(nameKey) WHERE ingredientId IS NULL;
CREATE INDEX offerMatch_decision ON offerMatch(decision);
CREATE INDEX offer_productId ON offer(productId);
CREATE INDEX productDelivery_system ON productDelivery(system, basis, productId);
CREATE INDEX productIngredient_amount ON productIngredient(nameId, amountPpm, amountSource, mayContain)
    WHERE amountPpm IS NOT NULL;
CREATE INDEX productIngredient_nameId ON productIngredient(nameId);
CREATE INDEX productNamedAmount_ingredientId ON productNamedAmount(ingredientId, amountPpm);
CREATE INDEX product_brand ON product(brand COLLATE NOCASE);
CREATE INDEX product_category ON product(category COLLATE NOCASE);
CREATE INDEX product_identityKey ON product(identityKey) WHERE identityKey IS NOT NULL;
CREATE INDEX product_importRunId ON product(importRunId);
CREATE INDEX quarantinedRow_importRunId ON quarantinedRow(importRunId);
CREATE INDEX studyIngredient_ingredientId ON studyIngredient(ingredientId);
CREATE UNIQUE INDEX study_doi ON study(doi) WHERE doi IS NOT NULL;
CREATE UNIQUE INDEX study_pmid ON study(pmid) WHERE pmid IS NOT NULL;
CREATE INDEX verdict_productId ON verdict(productId);
CREATE VIEW productIngredientFlat AS
    SELECT p.id AS productId, p.sku, p.brand, p.name AS productName, pi.line, pi.position, n.printedName,
           i.inciName, n.matchKind, pi.mayContain, pi.amountPpm, pi.amountPpm / 10000.0 AS amountPercent,
           pi.amountSource, pi.amountText
    FROM productIngredient pi JOIN product p ON p.id = pi.productId JOIN ingredientName n ON n.id = pi.nameId
    LEFT JOIN ingredient i ON i.id = n.ingredientId;
CREATE VIEW productIngredientLine AS
    SELECT pi.productId, pi.line, pi.position, n.printedName, n.nameKey, n.ingredientId, n.matchKind, pi.mayContain,
           pi.amountPpm, pi.amountSource, pi.amountApproximate, pi.amountText, pi.nameId
    FROM productIngredient pi JOIN ingredientName n ON n.id = pi.nameId;
CREATE VIEW productSearchText AS
    SELECT p.id,
           p.brand || coalesce(' ' || (SELECT group_concat(DISTINCT o.brand) FROM offer o
                                       WHERE o.productId = p.id AND o.brand <> p.brand), '') AS brand,
           p.name || coalesce(' ' || (SELECT group_concat(DISTINCT o.name) FROM offer o
                                      WHERE o.productId = p.id AND o.name <> p.name), '') AS name,
           p.category,
           (SELECT group_concat(n.printedName || CASE WHEN i.inciName IS NULL OR i.inciName = upper(n.printedName)
                                                      THEN '' ELSE ' ' || i.inciName END, ', ')
            FROM productIngredient pi JOIN ingredientName n ON n.id = pi.nameId
            LEFT JOIN ingredient i ON i.id = n.ingredientId
            WHERE pi.productId = p.id) AS ingredients
    FROM product p;
CREATE TRIGGER productSearch_ingredientRenamed AFTER UPDATE OF inciName ON ingredient
WHEN OLD.inciName IS NOT NEW.inciName BEGIN
    INSERT INTO productSearchPending (productId)
        SELECT DISTINCT pi.productId FROM ingredientName n JOIN productIngredient pi ON pi.nameId = n.id
        WHERE n.ingredientId = NEW.id AND pi.productId NOT IN (SELECT productId FROM productSearchPending);
END;
CREATE TRIGGER productSearch_nameResolved AFTER UPDATE OF ingredientId ON ingredientName
WHEN OLD.ingredientId IS NOT NEW.ingredientId BEGIN
    INSERT INTO productSearchPending (productId)
        SELECT DISTINCT productId FROM productIngredient
        WHERE nameId = NEW.id AND productId NOT IN (SELECT productId FROM productSearchPending);
END;
CREATE TRIGGER productSearch_offerDeleted AFTER DELETE ON offer
WHEN OLD.brand IS NOT NULL OR OLD.name IS NOT NULL BEGIN
    INSERT INTO productSearchPending (productId) SELECT OLD.productId
        WHERE NOT EXISTS (SELECT 1 FROM productSearchPending WHERE productId = OLD.productId);
END;
CREATE TRIGGER productSearch_offerInserted AFTER INSERT ON offer
WHEN NEW.brand IS NOT NULL OR NEW.name IS NOT NULL BEGIN
    INSERT INTO productSearchPending (productId) SELECT NEW.productId
        WHERE NOT EXISTS (SELECT 1 FROM productSearchPending WHERE productId = NEW.productId);
END;
CREATE TRIGGER productSearch_offerUpdated AFTER UPDATE OF productId, brand, name ON offer BEGIN
    INSERT INTO productSearchPending (productId) SELECT OLD.productId
        WHERE NOT EXISTS (SELECT 1 FROM productSearchPending WHERE productId = OLD.productId);
    INSERT INTO productSearchPending (productId) SELECT NEW.productId
        WHERE NOT EXISTS (SELECT 1 FROM productSearchPending WHERE productId = NEW.productId);
END;
CREATE TRIGGER productSearch_productDeleted AFTER DELETE ON product BEGIN
    DELETE FROM productSearch WHERE rowid = OLD.id;
    DELETE FROM productSearchPending WHERE productId = OLD.id;
END;
CREATE TRIGGER productSearch_productInserted AFTER INSERT ON product BEGIN
    INSERT INTO productSearchPending (productId) SELECT NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM productSearchPending WHERE productId = NEW.id);
END;
CREATE TRIGGER productSearch_productUpdated
AFTER UPDATE OF brand, name, category, ingredientsText, contentHash ON product BEGIN
    INSERT INTO productSearchPending (productId) SELECT NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM productSearchPending WHERE productId = NEW.id);
END;
CREATE VIEW productSummary AS
    SELECT p.id, p.sku, p.brand, p.name, p.category, p.price, p.currency, p.sizeText, p.sizeMl, p.sizeG,
           rtrim(CASE WHEN p.isAirless THEN 'airless, ' ELSE '' END
                 || CASE WHEN p.isOpaque THEN 'opaque, ' ELSE '' END
                 || CASE WHEN p.isLightProtective THEN 'light-protective, ' ELSE '' END
                 || CASE WHEN p.isSingleUse THEN 'single-use, ' ELSE '' END
                 || CASE WHEN p.isJar THEN 'jar, ' ELSE '' END
                 || CASE WHEN p.isClear THEN 'clear, ' ELSE '' END
                 || CASE WHEN p.isPump THEN 'pump, ' ELSE '' END
                 || CASE WHEN p.isDropper THEN 'dropper, ' ELSE '' END
                 || CASE WHEN p.isTube THEN 'tube, ' ELSE '' END
                 || CASE WHEN p.isScrewCap THEN 'screw-cap, ' ELSE '' END, ', ') AS packaging,
           (SELECT group_concat(system, ', ') FROM productDelivery WHERE productId = p.id) AS delivery,
           (SELECT group_concat(active, '; ') FROM (
                SELECT coalesce(i.inciName, n.printedName) || ' ' || coalesce(pi.amountText,
                           printf('%g%%', pi.amountPpm / 10000.0)) || ' (' || pi.amountSource || ')' AS active
                FROM productIngredient pi JOIN ingredientName n ON n.id = pi.nameId
                LEFT JOIN ingredient i ON i.id = n.ingredientId
                WHERE pi.productId = p.id AND pi.amountSource IN ('declared', 'printed')
                ORDER BY pi.amountPpm DESC, pi.line)) AS actives,
           (SELECT count(*) FROM productIngredient WHERE productId = p.id AND position IS NOT NULL) AS ingredientCount,
           p.url
    FROM product p;
