-- The baseline's whole database: one table, one row (npm run bench).
CREATE TABLE IF NOT EXISTS items (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	price_minor INTEGER NOT NULL
);
INSERT OR IGNORE INTO items (id, name, price_minor) VALUES (1, 'Baseline rug', 12900);
