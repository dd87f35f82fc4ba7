ALTER TABLE `users` ADD `resident_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_resident_id_unique` ON `users` (`resident_id`) WHERE "users"."resident_id" IS NOT NULL;