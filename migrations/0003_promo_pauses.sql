CREATE TABLE `promo_pauses` (
	`promo` text PRIMARY KEY NOT NULL,
	`paused_by` text NOT NULL,
	`paused_at` integer NOT NULL
);
