CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`user_id` text NOT NULL,
	`display_name` text NOT NULL,
	`category` text NOT NULL,
	`message_id` text,
	`text` text NOT NULL,
	`opened_at` integer NOT NULL,
	`first_response_due` integer NOT NULL,
	`resolution_due` integer NOT NULL,
	`first_response_at` integer,
	`first_response_by` text,
	`first_response_missed_at` integer,
	`resolution_missed_at` integer,
	`tier` integer DEFAULT 0 NOT NULL,
	`assignee` text,
	`closed_at` integer,
	`closed_by` text,
	`score` integer,
	`rated_at` integer
);
--> statement-breakpoint
CREATE INDEX `tickets_member_idx` ON `tickets` (`platform`,`chat_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `tickets_closed_at_idx` ON `tickets` (`closed_at`);