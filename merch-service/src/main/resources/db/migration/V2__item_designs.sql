-- Each product is composed from the render made for it: the item remembers its design, for re-compose tasks.
ALTER TABLE merch_items ADD COLUMN design_key VARCHAR(1024);
ALTER TABLE merch_items ADD COLUMN design_width INTEGER;
ALTER TABLE merch_items ADD COLUMN design_height INTEGER;
