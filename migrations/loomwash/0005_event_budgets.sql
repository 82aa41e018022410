CREATE TABLE `event_budgets` (
	`client_key` text PRIMARY KEY NOT NULL,
	`day` integer NOT NULL,
	`used` integer NOT NULL
);
