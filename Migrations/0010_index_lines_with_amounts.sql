-- 0010: a small index of the lines that carry an amount (issue 12).
--
-- An amount comparison (`NMN >= 1000 ppm`) asks for the lines of one ingredient with an amount in a range. Through
-- the index of lines by name it had to read every line of the ingredient from the table itself, for its amount,
-- its source and whether it is a may-contain entry: at 50,000 products, thousands of table pages for one query.
-- Only a few lines in a hundred carry an amount, so an index of just those lines, holding what the comparison
-- reads, is small (0.8 MB for the 1,055,789 lines of the 50,000-product benchmark catalog) and answers the
-- comparison without touching the table: the example query's SQL went from 43 ms to 28 ms in the sqlite3 shell.
-- SQLite uses a partial index when the query's terms imply its WHERE clause: any comparison on amountPpm does.

CREATE INDEX productIngredient_amount ON productIngredient(nameId, amountPpm, amountSource, mayContain)
    WHERE amountPpm IS NOT NULL;

ANALYZE productIngredient;
