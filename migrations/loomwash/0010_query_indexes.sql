CREATE INDEX `orders_created_idx` ON `orders` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `refunds_return_idx` ON `refunds` (`return_id`);