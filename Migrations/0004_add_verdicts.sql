-- 0004: verdicts. What a person (a profile) said about a product they used: it worked, or it failed (and why).
-- The ingredient-pattern analyser (skincat analyze, skincat recommend) compares the ingredients of the products
-- that failed with those of the products that worked.

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
CREATE INDEX verdict_productId ON verdict(productId);
