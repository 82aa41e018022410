CREATE TABLE `disclosures` (
	`id` text PRIMARY KEY NOT NULL,
	`basis` text NOT NULL,
	`reference` text NOT NULL,
	`subject_id` text NOT NULL,
	`order_id` text NOT NULL,
	`scope` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`decision_reason` text,
	`executed_at` integer
);
--> statement-breakpoint
CREATE INDEX `disclosures_status_idx` ON `disclosures` (`status`,`requested_at`);--> statement-breakpoint
CREATE TABLE `privacy_requests` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`order_id` text NOT NULL,
	`subject_id` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE INDEX `privacy_requests_order_idx` ON `privacy_requests` (`order_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `shredded_subjects` (
	`subject_id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`shredded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `shredded_subjects_at_idx` ON `shredded_subjects` (`shredded_at`,`subject_id`);--> statement-breakpoint
CREATE TABLE `subject_owners` (
	`subject_id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`table_name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `subject_owners_account_idx` ON `subject_owners` (`account_id`);--> statement-breakpoint
ALTER TABLE `credentials` ADD `last_active_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `credentials` ADD `dormant_at` integer;--> statement-breakpoint
ALTER TABLE `credentials` ADD `erasure_notice_at` integer;--> statement-breakpoint
CREATE INDEX `credentials_activity_idx` ON `credentials` (`last_active_at`);--> statement-breakpoint
UPDATE `credentials` SET `last_active_at` = `updated_at`;
