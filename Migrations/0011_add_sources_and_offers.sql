-- 0011: sources and offers (issue 13).
--
-- A catalog is built from several retailers' files. A product is an identity (brand, name, size) with one label,
-- the one its ingredient lines come from; an offer is what one source lists for it: its sku, price, currency, size as
-- printed, url, extra fields, and the label as that source prints it. A sku is unique within its source only.
--
-- A product's own columns keep the offer its label comes from (product.labelOfferId): its sku is the product's key
-- in the catalog (the sku, or `SOURCE:SKU` when another product already has that sku), so every existing query,
-- ranking and export reads a product as before. The label texts of that offer are the product's; every other offer
-- keeps its own (offer.ingredientsText and the rest are NULL for the label offer).
--
-- Existing catalogs: each import run gets the source named after its file (the file name without its folder and
-- extension: `/data/sephora/cosmetics.csv` is `cosmetics`; standard input is `stdin`), so the runs of one file share
-- a source, and each product becomes one offer of the source of the run that last wrote it (products whose run was
-- deleted get the source `catalog`). product.identityKey, the normalised brand and name that offers are matched by,
-- is computed by skincat itself (ProductIdentity) the first time an import needs it.

CREATE TABLE source (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE
              CHECK (name <> '' AND name = trim(name) AND length(name) <= 64 AND instr(name, ':') = 0),
    createdAt TEXT NOT NULL
) STRICT;

ALTER TABLE importRun ADD COLUMN sourceId INTEGER REFERENCES source(id) ON DELETE SET NULL;
-- Offers this run matched to a product another source already lists, with the merges left for review and the
-- same-name products kept apart; offers of the source this run did not list (marked not seen, or deleted by --prune).
ALTER TABLE importRun ADD COLUMN merged INTEGER NOT NULL DEFAULT 0 CHECK (merged >= 0);
ALTER TABLE importRun ADD COLUMN forReview INTEGER NOT NULL DEFAULT 0 CHECK (forReview >= 0);
ALTER TABLE importRun ADD COLUMN keptApart INTEGER NOT NULL DEFAULT 0 CHECK (keptApart >= 0);
ALTER TABLE importRun ADD COLUMN notSeen INTEGER NOT NULL DEFAULT 0 CHECK (notSeen >= 0);
ALTER TABLE importRun ADD COLUMN pruned INTEGER NOT NULL DEFAULT 0 CHECK (pruned >= 0);

-- The normalised brand and name offers are matched by (NULL until computed; catalogMeta `identityRules` names the
-- version of the rules that computed the stored keys), and the offer the label comes from.
ALTER TABLE product ADD COLUMN identityKey TEXT;
ALTER TABLE product ADD COLUMN labelOfferId INTEGER;

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

CREATE INDEX offer_productId ON offer(productId);

-- Why an offer is with its product, for the offers a match decided: merged with a product another source lists
-- (`merged`, or `review` when the evidence is not conclusive), kept apart from a product of the same name
-- (`keptApart`: otherProductId), or placed by the user (`linked`, `unlinked`). A product's first offer has no row.
CREATE TABLE offerMatch (
    offerId        INTEGER PRIMARY KEY REFERENCES offer(id) ON DELETE CASCADE,
    decision       TEXT NOT NULL CHECK (decision = 'merged' OR decision = 'review' OR decision = 'keptApart'
                                        OR decision = 'linked' OR decision = 'unlinked'),
    otherProductId INTEGER REFERENCES product(id) ON DELETE SET NULL,
    similarity     REAL CHECK (similarity >= 0 AND similarity <= 1),
    reason         TEXT NOT NULL,
    decidedAt      TEXT NOT NULL
) STRICT;

CREATE INDEX offerMatch_decision ON offerMatch(decision);

-- The user's decisions, by source and sku, so that later imports respect them whatever happens to the offers:
-- `link`: the offer (sourceId, sku) belongs with the product that lists (otherSourceId, otherSku);
-- `unlink`: it never does.
CREATE TABLE offerDecision (
    sourceId      INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    sku           TEXT NOT NULL,
    otherSourceId INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    otherSku      TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind = 'link' OR kind = 'unlink'),
    decidedAt     TEXT NOT NULL,
    PRIMARY KEY (sourceId, sku, otherSourceId, otherSku)
) STRICT, WITHOUT ROWID;

-- A source for each file imported so far.
CREATE TEMP TABLE runSource AS
    WITH named AS (
        SELECT id, startedAt,
               CASE WHEN file = '<stdin>' THEN 'stdin'
                    ELSE substr(file, length(rtrim(file, replace(file, '/', ''))) + 1) END AS base
        FROM importRun
    ),
    stem AS (
        SELECT id, startedAt,
               trim(replace(CASE WHEN instr(base, '.') > 1
                                 THEN substr(base, 1, length(rtrim(base, replace(base, '.', ''))) - 1)
                                 ELSE base END, ':', '-')) AS name
        FROM named
    )
    SELECT id AS runId, startedAt, CASE WHEN name = '' THEN 'catalog' ELSE trim(substr(name, 1, 64)) END AS name
    FROM stem;

INSERT INTO source (name, createdAt)
    SELECT name, min(startedAt) FROM temp.runSource GROUP BY name COLLATE NOCASE ORDER BY min(runId);

UPDATE importRun SET sourceId = (
    SELECT s.id FROM temp.runSource r JOIN source s ON s.name = r.name WHERE r.runId = importRun.id);

INSERT INTO source (name, createdAt)
    SELECT 'catalog', strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
    WHERE EXISTS (SELECT 1 FROM product WHERE importRunId IS NULL)
      AND NOT EXISTS (SELECT 1 FROM source WHERE name = 'catalog');

DROP TABLE temp.runSource;

INSERT INTO offer (id, sourceId, sku, productId, price, regularPrice, currency, sizeText, url, shade, contentHash,
                   importRunId, sourceLine)
    SELECT p.id, coalesce(r.sourceId, (SELECT id FROM source WHERE name = 'catalog')), p.sku, p.id, p.price,
           p.regularPrice, p.currency, p.sizeText, p.url, p.shade, p.contentHash, p.importRunId, p.sourceLine
    FROM product p LEFT JOIN importRun r ON r.id = p.importRunId
    ORDER BY p.id;

UPDATE product SET labelOfferId = id;

CREATE INDEX product_identityKey ON product(identityKey) WHERE identityKey IS NOT NULL;
