-- 0014: full-text search over the catalog, and readable views for Datasette (issue 17).
--
-- `productSearch` is an FTS5 table with one row per product, its rowid the product's id: the brand, the name, the
-- category, and the ingredient list (every printed name, followed by its canonical INCI name where that differs).
-- Names and brands other sources print for the product (its offers) are indexed with the product's own.
-- The tokenizer folds case and accents (`unicode61 remove_diacritics 2`: "Sérum" is "serum"). The table keeps its
-- own copy of the text, so a row is deleted by its rowid alone, whatever has changed since it was indexed (SQLite
-- 3.40, the version Debian ships, has no contentless delete).
--
-- Ranking: BM25 with the name and the brand weighted 10, the category 4 and the ingredient list 1, so a product
-- named for what was searched outranks one that only lists it (`ORDER BY rank` uses these weights; so does
-- Datasette's search).
--
-- The triggers insert only products not noted yet (NOT EXISTS, not OR IGNORE: an outer statement's conflict clause,
-- such as INSERT OR ROLLBACK, would override a trigger's own).
--
-- The index is kept in step in two halves: triggers note which products changed in `productSearchPending` (a
-- product or an offer written, a printed name resolved to another ingredient, an ingredient renamed) and delete a
-- removed product's row at once; skincat re-indexes the noted products set-wise, from `productSearchText`, before
-- each write it makes commits (an import's whole file at once, at its end). A product's lines are written after
-- its row, so a trigger could not index them as it fires.

CREATE VIRTUAL TABLE productSearch USING fts5(
    brand, name, category, ingredients,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO productSearch (productSearch, rank) VALUES ('rank', 'bm25(10.0, 10.0, 4.0, 1.0)');

-- What is indexed for each product: the one definition both the migration and skincat's re-indexing read.
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

-- Products whose row in productSearch is to be written again.
CREATE TABLE productSearchPending (
    productId INTEGER PRIMARY KEY
) STRICT;

CREATE TRIGGER productSearch_productInserted AFTER INSERT ON product BEGIN
    INSERT INTO productSearchPending (productId) SELECT NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM productSearchPending WHERE productId = NEW.id);
END;

CREATE TRIGGER productSearch_productUpdated
AFTER UPDATE OF brand, name, category, ingredientsText, contentHash ON product BEGIN
    INSERT INTO productSearchPending (productId) SELECT NEW.id
        WHERE NOT EXISTS (SELECT 1 FROM productSearchPending WHERE productId = NEW.id);
END;

CREATE TRIGGER productSearch_productDeleted AFTER DELETE ON product BEGIN
    DELETE FROM productSearch WHERE rowid = OLD.id;
    DELETE FROM productSearchPending WHERE productId = OLD.id;
END;

-- A label offer prints nothing of its own (its texts are the product's): only other sources' offers count.
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

CREATE TRIGGER productSearch_offerDeleted AFTER DELETE ON offer
WHEN OLD.brand IS NOT NULL OR OLD.name IS NOT NULL BEGIN
    INSERT INTO productSearchPending (productId) SELECT OLD.productId
        WHERE NOT EXISTS (SELECT 1 FROM productSearchPending WHERE productId = OLD.productId);
END;

CREATE TRIGGER productSearch_nameResolved AFTER UPDATE OF ingredientId ON ingredientName
WHEN OLD.ingredientId IS NOT NEW.ingredientId BEGIN
    INSERT INTO productSearchPending (productId)
        SELECT DISTINCT productId FROM productIngredient
        WHERE nameId = NEW.id AND productId NOT IN (SELECT productId FROM productSearchPending);
END;

CREATE TRIGGER productSearch_ingredientRenamed AFTER UPDATE OF inciName ON ingredient
WHEN OLD.inciName IS NOT NEW.inciName BEGIN
    INSERT INTO productSearchPending (productId)
        SELECT DISTINCT pi.productId FROM ingredientName n JOIN productIngredient pi ON pi.nameId = n.id
        WHERE n.ingredientId = NEW.id AND pi.productId NOT IN (SELECT productId FROM productSearchPending);
END;

-- Every product of an existing catalog.
INSERT INTO productSearch (rowid, brand, name, category, ingredients)
    SELECT id, brand, name, category, ingredients FROM productSearchText ORDER BY id;

-- Readable views (Datasette lists them beside the tables).

-- One row per product: who it is, its size and price, its packaging attributes, and its actives with their amounts
-- (the ingredients it states an amount for: declared on the label or printed in the list, strongest first).
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

-- One row per ingredient line, with its product and its canonical ingredient: the flat table to filter and facet.
CREATE VIEW productIngredientFlat AS
    SELECT p.id AS productId, p.sku, p.brand, p.name AS productName, pi.line, pi.position, n.printedName,
           i.inciName, n.matchKind, pi.mayContain, pi.amountPpm, pi.amountPpm / 10000.0 AS amountPercent,
           pi.amountSource, pi.amountText
    FROM productIngredient pi JOIN product p ON p.id = pi.productId JOIN ingredientName n ON n.id = pi.nameId
    LEFT JOIN ingredient i ON i.id = n.ingredientId;
