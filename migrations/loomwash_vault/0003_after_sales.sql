CREATE TABLE `order_mail` (
	`order_id` text NOT NULL,
	`kind` text NOT NULL,
	`event_key` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`order_id`, `kind`, `event_key`)
);
--> statement-breakpoint
CREATE TABLE `publications` (
	`subject_id` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`published_at` integer NOT NULL,
	PRIMARY KEY(`table_name`, `row_id`)
);
--> statement-breakpoint
CREATE TABLE `support_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`order_id` text NOT NULL,
	`opened_at` integer NOT NULL,
	`closed_at` integer
);
--> statement-breakpoint
CREATE INDEX `support_cases_order_idx` ON `support_cases` (`order_id`,`closed_at`);