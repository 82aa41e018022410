CREATE TABLE `product_prices` (
	`product_id` integer NOT NULL,
	`currency` text NOT NULL,
	`min_price_minor` integer NOT NULL,
	PRIMARY KEY(`product_id`, `currency`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `product_prices_listing_idx` ON `product_prices` (`currency`,`min_price_minor`,`product_id`);--> statement-breakpoint
CREATE TABLE `variant_prices` (
	`variant_id` integer NOT NULL,
	`currency` text NOT NULL,
	`price_minor` integer NOT NULL,
	PRIMARY KEY(`variant_id`, `currency`),
	FOREIGN KEY (`variant_id`) REFERENCES `variants`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "variant_prices_positive" CHECK("variant_prices"."price_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE `carts` ADD `market` text DEFAULT 'us' NOT NULL;--> statement-breakpoint
ALTER TABLE `carts` ADD `currency` text DEFAULT 'USD' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `market` text DEFAULT 'us' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `language` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `tax_minor` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `tax_included` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `tax_lines` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
-- A catalog that exists already keeps its US prices as the USD list; the other currencies' lists
-- are set by the operator (scripts/seed-local.ts shows how the seed derives them).
INSERT INTO `variant_prices` (`variant_id`, `currency`, `price_minor`) SELECT `id`, `currency`, `price_minor` FROM `variants`;--> statement-breakpoint
INSERT INTO `product_prices` (`product_id`, `currency`, `min_price_minor`)
	SELECT v.`product_id`, vp.`currency`, min(vp.`price_minor`) FROM `variant_prices` vp JOIN `variants` v ON v.`id` = vp.`variant_id`
	GROUP BY v.`product_id`, vp.`currency`;--> statement-breakpoint
INSERT OR IGNORE INTO `product_prices` (`product_id`, `currency`, `min_price_minor`) SELECT `id`, `currency`, `min_price_minor` FROM `products`;--> statement-breakpoint
-- Orders placed before markets existed: their market is their destination's.
UPDATE `orders` SET `market` = CASE `ship_country`
	WHEN 'CA' THEN 'ca' WHEN 'GB' THEN 'uk' WHEN 'AU' THEN 'au' WHEN 'NZ' THEN 'nz' WHEN 'JP' THEN 'jp'
	WHEN 'DE' THEN 'eu' WHEN 'FR' THEN 'eu' WHEN 'NL' THEN 'eu' WHEN 'BE' THEN 'eu' WHEN 'AT' THEN 'eu'
	WHEN 'IT' THEN 'eu' WHEN 'ES' THEN 'eu' WHEN 'IE' THEN 'eu' ELSE 'us' END;--> statement-breakpoint
-- The price lists are kept in step by the database, whatever writes the catalog: a product is
-- listed in its own currency from its own starting price; a variant's price in its own currency is
-- always in the list; and a product's lowest price per currency follows its variants' prices as
-- they are added, changed, removed or moved to another product.
CREATE TRIGGER `products_base_price_insert` AFTER INSERT ON `products` BEGIN
	INSERT INTO `product_prices` (`product_id`, `currency`, `min_price_minor`) VALUES (NEW.`id`, NEW.`currency`, NEW.`min_price_minor`)
	ON CONFLICT (`product_id`, `currency`) DO UPDATE SET `min_price_minor` = min(`min_price_minor`, excluded.`min_price_minor`);
END;--> statement-breakpoint
CREATE TRIGGER `variants_base_price_insert` AFTER INSERT ON `variants` BEGIN
	INSERT INTO `variant_prices` (`variant_id`, `currency`, `price_minor`) VALUES (NEW.`id`, NEW.`currency`, NEW.`price_minor`)
	ON CONFLICT (`variant_id`, `currency`) DO UPDATE SET `price_minor` = excluded.`price_minor`;
END;--> statement-breakpoint
CREATE TRIGGER `variants_base_price_update` AFTER UPDATE OF `price_minor`, `currency` ON `variants` BEGIN
	INSERT INTO `variant_prices` (`variant_id`, `currency`, `price_minor`) VALUES (NEW.`id`, NEW.`currency`, NEW.`price_minor`)
	ON CONFLICT (`variant_id`, `currency`) DO UPDATE SET `price_minor` = excluded.`price_minor`;
END;--> statement-breakpoint
CREATE TRIGGER `variants_moved` AFTER UPDATE OF `product_id` ON `variants` WHEN OLD.`product_id` <> NEW.`product_id` BEGIN
	DELETE FROM `product_prices` WHERE `product_id` IN (OLD.`product_id`, NEW.`product_id`);
	INSERT INTO `product_prices` (`product_id`, `currency`, `min_price_minor`)
		SELECT v.`product_id`, vp.`currency`, min(vp.`price_minor`) FROM `variant_prices` vp JOIN `variants` v ON v.`id` = vp.`variant_id`
		WHERE v.`product_id` IN (OLD.`product_id`, NEW.`product_id`) GROUP BY v.`product_id`, vp.`currency`;
END;--> statement-breakpoint
CREATE TRIGGER `variant_prices_min_insert` AFTER INSERT ON `variant_prices` BEGIN
	INSERT INTO `product_prices` (`product_id`, `currency`, `min_price_minor`)
	SELECT `product_id`, NEW.`currency`, NEW.`price_minor` FROM `variants` WHERE `id` = NEW.`variant_id`
	ON CONFLICT (`product_id`, `currency`) DO UPDATE SET `min_price_minor` = min(`min_price_minor`, excluded.`min_price_minor`);
END;--> statement-breakpoint
CREATE TRIGGER `variant_prices_min_update` AFTER UPDATE OF `price_minor` ON `variant_prices` BEGIN
	UPDATE `product_prices` SET `min_price_minor` = (
		SELECT min(vp.`price_minor`) FROM `variant_prices` vp JOIN `variants` v ON v.`id` = vp.`variant_id`
		WHERE v.`product_id` = `product_prices`.`product_id` AND vp.`currency` = NEW.`currency`
	)
	WHERE `currency` = NEW.`currency` AND `product_id` = (SELECT `product_id` FROM `variants` WHERE `id` = NEW.`variant_id`);
END;--> statement-breakpoint
CREATE TRIGGER `variant_prices_min_delete` AFTER DELETE ON `variant_prices` BEGIN
	-- No variant of the product has a price in that currency any more: it is not sold in it.
	DELETE FROM `product_prices` WHERE `currency` = OLD.`currency`
		AND `product_id` = (SELECT `product_id` FROM `variants` WHERE `id` = OLD.`variant_id`)
		AND NOT EXISTS (
			SELECT 1 FROM `variant_prices` vp JOIN `variants` v ON v.`id` = vp.`variant_id`
			WHERE v.`product_id` = `product_prices`.`product_id` AND vp.`currency` = OLD.`currency`
		);
	UPDATE `product_prices` SET `min_price_minor` = (
		SELECT min(vp.`price_minor`) FROM `variant_prices` vp JOIN `variants` v ON v.`id` = vp.`variant_id`
		WHERE v.`product_id` = `product_prices`.`product_id` AND vp.`currency` = OLD.`currency`
	)
	WHERE `currency` = OLD.`currency` AND `product_id` = (SELECT `product_id` FROM `variants` WHERE `id` = OLD.`variant_id`);
END;
