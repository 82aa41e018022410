CREATE TABLE `job_cursors` (
	`job` text PRIMARY KEY NOT NULL,
	`cursor` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `policy_versions` (
	`version` text PRIMARY KEY NOT NULL,
	`effective_at` integer NOT NULL,
	`summary` text NOT NULL,
	`clauses` text NOT NULL,
	`published_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `customers` ADD `policy_notice_version` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `ship_country` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `personal_data_purged_at` integer;--> statement-breakpoint
CREATE INDEX `orders_purge_idx` ON `orders` (`personal_data_purged_at`,`updated_at`);--> statement-breakpoint
CREATE INDEX `carts_updated_idx` ON `carts` (`updated_at`);--> statement-breakpoint
CREATE INDEX `local_payment_sessions_created_idx` ON `local_payment_sessions` (`created_at`);--> statement-breakpoint
CREATE INDEX `payment_events_received_idx` ON `payment_events` (`received_at`);