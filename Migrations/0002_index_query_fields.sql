-- 0002: indexes for the query language (skincat query), and one index fewer on the hottest table.

-- `delivery = liposomal` looks products up by system (and basis); the primary key starts with productId.
CREATE INDEX productDelivery_system ON productDelivery(system, basis, productId);

-- `brand = 'Pfect-A'` and `category = serum` compare case-insensitively.
CREATE INDEX product_brand ON product(brand COLLATE NOCASE);
CREATE INDEX product_category ON product(category COLLATE NOCASE);

-- UNIQUE (productId, position) already indexes productIngredient by productId; the separate index only cost
-- every import a fourth B-tree insert per ingredient line.
DROP INDEX productIngredient_productId;
