-- 0013: studies as data (issue 19).
--
-- A study is now a row a user imports, adds or removes, not only one of the six built-in ones. It is keyed by its
-- DOI, else its PMID, else its title and year (`study.key` holds `doi:...`, `pmid:...` or `title:...|YEAR`, written
-- by skincat), and carries what the evidence criterion grades: its designs, route, the concentration tested, its
-- outcome, and a URL. `origin` tells the shipped studies (Resources/Studies.csv, loaded with the reference data) from
-- the user's: a user's row of the same key wins, and a shipped row the shipped file no longer lists is deleted when
-- the file is loaded again. See docs/studies.md.
--
-- SQLite cannot change a CHECK constraint in place (the route may now be `injection`), so `study` is rebuilt, keeping
-- its rows and ids; its endpoints and ingredients point at it by name and keep pointing at it. The old routes
-- `in-vitro` and `other` said nothing a design does not say, and become NULL (not stated). The old slug keys stay until
-- the shipped studies file is loaded on the next open (the reference data's version is bumped with it), which
-- replaces those rows by the file's.
--
-- `studyModel` becomes `studyDesign`, with the file's words for the designs: `cells` is `in-vitro`, `review` is
-- `systematic-review`, and `ex-vivo` is new (graded as a synthetic membrane is).
--
-- Rows a studies import sets aside go to `quarantinedRow` like a product import's; their run says so in
-- `importRun.kind`.
--
-- CHECKs list their values as chains of `=` (0008), never `IN` with three or more values.

CREATE TABLE study_new (
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
INSERT INTO study_new (id, key, doi, year, journal, title, authors, route, subjects, durationText, concentrationPpm,
                       concentrationText, summary, provenance, origin)
    SELECT id, key, doi, year, journal, title, authors,
           CASE WHEN route = 'topical' OR route = 'oral' THEN route END,
           subjects, durationText, concentrationPpm, concentrationText, summary, provenance, 'shipped'
    FROM study;
DROP TABLE study;
ALTER TABLE study_new RENAME TO study;
CREATE UNIQUE INDEX study_doi ON study(doi) WHERE doi IS NOT NULL;
CREATE UNIQUE INDEX study_pmid ON study(pmid) WHERE pmid IS NOT NULL;

CREATE TABLE studyDesign (
    studyId INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    design  TEXT NOT NULL CHECK (design = 'in-vitro' OR design = 'animal' OR design = 'ex-vivo'
                                 OR design = 'synthetic-membrane' OR design = 'human-observational'
                                 OR design = 'human-rct' OR design = 'systematic-review'),
    PRIMARY KEY (studyId, design)
) STRICT, WITHOUT ROWID;
INSERT INTO studyDesign (studyId, design)
    SELECT studyId, CASE model WHEN 'cells' THEN 'in-vitro' WHEN 'review' THEN 'systematic-review' ELSE model END
    FROM studyModel;
DROP TABLE studyModel;

ALTER TABLE importRun ADD COLUMN kind TEXT NOT NULL DEFAULT 'products' CHECK (kind = 'products' OR kind = 'studies');
