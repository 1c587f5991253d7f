CREATE TABLE `learned_samples` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merchant` text NOT NULL,
	`label` text NOT NULL,
	`rule` text NOT NULL,
	`text` text NOT NULL,
	`text_key` text NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`user_id` text NOT NULL,
	`by_user` text NOT NULL,
	`at` integer NOT NULL,
	`audit_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `learned_samples_key_idx` ON `learned_samples` (`merchant`,`text_key`);--> statement-breakpoint
CREATE INDEX `learned_samples_merchant_idx` ON `learned_samples` (`merchant`,`id`);--> statement-breakpoint
CREATE INDEX `learned_samples_label_idx` ON `learned_samples` (`merchant`,`label`,`id`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD `message_id` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `notice_id` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `explanation` text;--> statement-breakpoint
CREATE INDEX `audit_log_notice_idx` ON `audit_log` (`platform`,`chat_id`,`notice_id`);--> statement-breakpoint
CREATE INDEX `audit_log_message_idx` ON `audit_log` (`platform`,`chat_id`,`message_id`);