CREATE TABLE `bot_admins` (
	`platform` text NOT NULL,
	`scope` text NOT NULL,
	`scope_id` text NOT NULL,
	`user_id` text NOT NULL,
	`display_name` text,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `scope`, `scope_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `chat_settings` (
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`dry_run` integer DEFAULT false NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `chat_id`)
);
