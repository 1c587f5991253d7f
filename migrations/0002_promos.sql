CREATE TABLE `chats` (
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`title` text,
	`category` text NOT NULL,
	`last_seen_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `chat_id`)
);
--> statement-breakpoint
CREATE INDEX `chats_category_idx` ON `chats` (`category`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`promo` text NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`slot` integer NOT NULL,
	`status` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`sent_at` integer,
	`detail` text,
	PRIMARY KEY(`promo`, `platform`, `chat_id`, `slot`)
);
