-- 0007a: repair catalogs migrated by the first version of 0007, so that 0007 itself can stay as it first landed.
--
-- 0007 was edited after it had landed on main: the edit gave ingredientName its splitChecked column (a name that
-- resolves to nothing and was checked, at its revision, not to be several names run together). 0007 is back to
-- its first version, and the column comes from here instead; 0008 and the import rely on it. This migration runs
-- only on a catalog whose ingredientName lacks the column (the condition is in Migrations.swift): a new catalog,
-- or one migrated by the first 0007. A catalog migrated by the edited 0007 (skincat of session 3) already has it;
-- there it is recorded as applied without running, and its recorded checksum of the edited 0007 is accepted
-- (CatalogMigrator.earlierChecksums). It is lettered, not numbered, because it must run before 0008.

ALTER TABLE ingredientName ADD COLUMN splitChecked INTEGER NOT NULL DEFAULT 0 CHECK (splitChecked IN (0, 1));
