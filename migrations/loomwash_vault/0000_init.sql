CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor_kind` text NOT NULL,
	`actor_id` text NOT NULL,
	`actor_role` text,
	`action` text NOT NULL,
	`purpose` text,
	`outcome` text NOT NULL,
	`reason` text,
	`subjects` text NOT NULL,
	`fields` text NOT NULL,
	`item_count` integer NOT NULL,
	`request_id` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_subjects_idx` ON `audit_log` (`subjects`,`seq`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`email_bidx` text NOT NULL,
	`role` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text NOT NULL,
	`audit_seq` integer NOT NULL,
	`mac` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_email_bidx_unique` ON `staff` (`email_bidx`);--> statement-breakpoint
CREATE TABLE `subject_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`kek_id` text NOT NULL,
	`wrapped_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`rewrapped_at` integer
);
--> statement-breakpoint
CREATE INDEX `subject_keys_kek_idx` ON `subject_keys` (`kek_id`,`id`);