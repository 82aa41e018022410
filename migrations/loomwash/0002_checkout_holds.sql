CREATE TABLE `checkout_holds` (
	`order_id` text PRIMARY KEY NOT NULL,
	`client_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `checkout_holds_client_idx` ON `checkout_holds` (`client_key`);