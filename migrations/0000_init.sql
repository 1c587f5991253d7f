CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`user_id` text,
	`action` text NOT NULL,
	`rule` text,
	`faq` text,
	`command` text,
	`outcome` text NOT NULL,
	`detail` text,
	`text` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_chat_at_idx` ON `audit_log` (`platform`,`chat_id`,`at`);--> statement-breakpoint
CREATE TABLE `daily_stats` (
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`day` text NOT NULL,
	`messages` integer DEFAULT 0 NOT NULL,
	`joins` integer DEFAULT 0 NOT NULL,
	`leaves` integer DEFAULT 0 NOT NULL,
	`faq_answers` integer DEFAULT 0 NOT NULL,
	`violations` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`platform`, `chat_id`, `day`)
);
--> statement-breakpoint
CREATE TABLE `faq_hits` (
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`day` text NOT NULL,
	`faq` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`platform`, `chat_id`, `day`, `faq`)
);
--> statement-breakpoint
CREATE TABLE `members` (
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`user_id` text NOT NULL,
	`display_name` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`message_count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`platform`, `chat_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `rule_hits` (
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`day` text NOT NULL,
	`rule` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`platform`, `chat_id`, `day`, `rule`)
);
--> statement-breakpoint
CREATE TABLE `sanctions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`rule` text NOT NULL,
	`created_at` integer NOT NULL,
	`ends_at` integer,
	`lifted_at` integer,
	`soft` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sanctions_member_idx` ON `sanctions` (`platform`,`chat_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `sanctions_ends_at_idx` ON `sanctions` (`ends_at`);--> statement-breakpoint
CREATE TABLE `warnings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`user_id` text NOT NULL,
	`rule` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	`expires_at` integer,
	`revoked_at` integer,
	`revoked_by` text
);
--> statement-breakpoint
CREATE INDEX `warnings_member_idx` ON `warnings` (`platform`,`chat_id`,`user_id`);