ALTER TABLE `customers` ADD `confirmed_at` integer;--> statement-breakpoint
-- Profiles from before this column: kept as confirmed (an orphaned row is better than a lost profile).
UPDATE `customers` SET `confirmed_at` = `created_at` WHERE `confirmed_at` IS NULL;
