CREATE TABLE `customer_addresses` (
	`id` text PRIMARY KEY NOT NULL,
	`customer_id` text NOT NULL,
	`name_ct` text NOT NULL,
	`phone_ct` text NOT NULL,
	`address_ct` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `customer_addresses_customer_idx` ON `customer_addresses` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` text PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`nickname_ct` text NOT NULL,
	`analytics_consent` integer NOT NULL,
	`analytics_policy_version` text NOT NULL,
	`analytics_at` integer NOT NULL,
	`marketing_consent` integer NOT NULL,
	`marketing_policy_version` text NOT NULL,
	`marketing_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `carts` ADD `customer_id` text;--> statement-breakpoint
CREATE INDEX `carts_customer_idx` ON `carts` (`customer_id`,`status`);--> statement-breakpoint
ALTER TABLE `orders` ADD `customer_id` text;--> statement-breakpoint
CREATE INDEX `orders_customer_idx` ON `orders` (`customer_id`,`created_at`);