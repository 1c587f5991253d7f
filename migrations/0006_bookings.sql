ALTER TABLE `tickets` ADD `kind` text DEFAULT 'complaint' NOT NULL;--> statement-breakpoint
ALTER TABLE `tickets` ADD `booked_for` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `party_size` integer;--> statement-breakpoint
ALTER TABLE `tickets` ADD `contact_name` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `contact_phone` text;--> statement-breakpoint
ALTER TABLE `tickets` ADD `outcome` text;--> statement-breakpoint
CREATE INDEX `tickets_kind_idx` ON `tickets` (`kind`,`closed_at`);