CREATE TABLE `co_purchases_daily` (
	`day` integer NOT NULL,
	`product_a` integer NOT NULL,
	`product_b` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`product_a`, `product_b`, `day`),
	CONSTRAINT "co_purchases_ordered" CHECK("co_purchases_daily"."product_a" < "co_purchases_daily"."product_b")
);
--> statement-breakpoint
CREATE INDEX `co_purchases_b_idx` ON `co_purchases_daily` (`product_b`,`day`);--> statement-breakpoint
CREATE INDEX `co_purchases_day_idx` ON `co_purchases_daily` (`day`);--> statement-breakpoint
CREATE TABLE `co_views_daily` (
	`day` integer NOT NULL,
	`product_a` integer NOT NULL,
	`product_b` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`product_a`, `product_b`, `day`),
	CONSTRAINT "co_views_ordered" CHECK("co_views_daily"."product_a" < "co_views_daily"."product_b")
);
--> statement-breakpoint
CREATE INDEX `co_views_b_idx` ON `co_views_daily` (`product_b`,`day`);--> statement-breakpoint
CREATE INDEX `co_views_day_idx` ON `co_views_daily` (`day`);--> statement-breakpoint
CREATE TABLE `noise_salts` (
	`day` integer PRIMARY KEY NOT NULL,
	`salt` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `page_views_daily` (
	`path_template` text NOT NULL,
	`device_class` text NOT NULL,
	`country` text NOT NULL,
	`count` integer NOT NULL,
	`day` integer NOT NULL,
	PRIMARY KEY(`path_template`, `device_class`, `country`, `day`)
);
--> statement-breakpoint
CREATE INDEX `page_views_daily_day_idx` ON `page_views_daily` (`day`);--> statement-breakpoint
CREATE TABLE `page_views_hourly` (
	`path_template` text NOT NULL,
	`device_class` text NOT NULL,
	`country` text NOT NULL,
	`count` integer NOT NULL,
	`hour` integer NOT NULL,
	PRIMARY KEY(`path_template`, `device_class`, `country`, `hour`)
);
--> statement-breakpoint
CREATE INDEX `page_views_hourly_hour_idx` ON `page_views_hourly` (`hour`);--> statement-breakpoint
CREATE TABLE `processed_events` (
	`id` text PRIMARY KEY NOT NULL,
	`hour` integer DEFAULT (unixepoch() / 3600) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `processed_events_hour_idx` ON `processed_events` (`hour`);--> statement-breakpoint
CREATE TABLE `product_daily` (
	`product_id` integer NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`cart_adds` integer DEFAULT 0 NOT NULL,
	`cart_removes` integer DEFAULT 0 NOT NULL,
	`purchases` integer DEFAULT 0 NOT NULL,
	`day` integer NOT NULL,
	PRIMARY KEY(`product_id`, `day`)
);
--> statement-breakpoint
CREATE INDEX `product_daily_day_idx` ON `product_daily` (`day`);--> statement-breakpoint
CREATE TABLE `product_hourly` (
	`product_id` integer NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`cart_adds` integer DEFAULT 0 NOT NULL,
	`cart_removes` integer DEFAULT 0 NOT NULL,
	`purchases` integer DEFAULT 0 NOT NULL,
	`hour` integer NOT NULL,
	PRIMARY KEY(`product_id`, `hour`)
);
--> statement-breakpoint
CREATE INDEX `product_hourly_hour_idx` ON `product_hourly` (`hour`);--> statement-breakpoint
CREATE TABLE `rejected_events` (
	`reason` text NOT NULL,
	`day` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`reason`, `day`)
);
