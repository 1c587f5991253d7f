CREATE TABLE `handled_messages` (
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`message_id` text NOT NULL,
	`handled_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `chat_id`, `message_id`)
);
--> statement-breakpoint
CREATE INDEX `handled_messages_at_idx` ON `handled_messages` (`handled_at`);