-- 0012: the EU substance lists in the catalog (issue 18).
--
-- The label audit checks two lists that cap nothing and so have no place in annexCap: Annex II of Regulation (EC)
-- No 1223/2009 (substances prohibited in cosmetic products, the CosIng export) and the fragrance allergens that must
-- be labelled (`eu-fragrance-allergens.csv`, derived from the CosIng Annex III exports). `skincat dictionary import
-- FILE` loads either, recognised by its header, never typed in by hand. A later file of the same list replaces the
-- entries of the earlier ones; every run stays as the record of what was loaded, from which file, of which version,
-- with which bytes.

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

-- One name of a list with its citation (`Annex II ref 1380`; `EU allergen list 2023, Annex III ref 70`). A
-- conditional prohibition keeps its condition in the citation (`Annex II ref 904 (conditional: except if ...)`).
CREATE TABLE euSubstance (
    euListImportId INTEGER NOT NULL REFERENCES euListImport(id) ON DELETE CASCADE,
    nameKey        TEXT NOT NULL CHECK (nameKey <> ''),   -- NameKey of the name
    name           TEXT NOT NULL,                         -- as the file spells it
    citation       TEXT NOT NULL,
    PRIMARY KEY (euListImportId, nameKey)
) STRICT, WITHOUT ROWID;
