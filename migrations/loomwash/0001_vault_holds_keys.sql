-- The data keys move to the vault worker's own database (loomwash_vault). A wrapped key cannot be
-- carried across databases in SQL, so contacts sealed before this migration (local development
-- data only: this ships before the first production deploy) are dropped with their keys.
DROP TABLE `order_contacts`;--> statement-breakpoint
DROP TABLE `subject_keys`;--> statement-breakpoint
CREATE TABLE `order_contacts` (
	`order_id` text PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`email_bidx` text NOT NULL,
	`email_ct` text NOT NULL,
	`name_ct` text NOT NULL,
	`phone_ct` text NOT NULL,
	`address_ct` text NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
