CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`user_id` text,
	`username` text,
	`action` text NOT NULL,
	`entity_type` text,
	`entity_id` text,
	`detail` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `audit_log_user_idx` ON `audit_log` (`user_id`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`op` text NOT NULL,
	`row_json` text NOT NULL,
	`audit_seq` integer,
	`at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `change_log_row_idx` ON `change_log` (`table_name`,`row_id`);--> statement-breakpoint
CREATE TABLE `installation` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`district_code` text NOT NULL,
	`district_name` text NOT NULL,
	`town_code` text,
	`town_name` text,
	`created_at` text NOT NULL,
	CONSTRAINT "installation_single_row" CHECK("installation"."id" = 1)
) STRICT;
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value_json` text NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`roles_json` text NOT NULL,
	`password_hash` text NOT NULL,
	`password_salt` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`must_change_password` integer DEFAULT false NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` text,
	`last_login_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `household_members` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`person_id` text NOT NULL,
	`relation` text NOT NULL,
	`joined_at` text NOT NULL,
	`left_at` text,
	`left_reason` text,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `household_members_current_unique` ON `household_members` (`person_id`) WHERE left_at IS NULL;--> statement-breakpoint
CREATE INDEX `household_members_household_idx` ON `household_members` (`household_id`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`address` text NOT NULL,
	`phone` text NOT NULL,
	`registration` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `villages`(`code`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `households_village_idx` ON `households` (`village_code`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`resident_id` text NOT NULL,
	`name` text NOT NULL,
	`sex` text NOT NULL,
	`birth_date` text NOT NULL,
	`phone` text NOT NULL,
	`tags_json` text NOT NULL,
	`disability_category` text,
	`disability_grade` integer,
	`notes` text NOT NULL,
	`resident_id_reversed` text NOT NULL,
	`name_initials` text NOT NULL,
	`name_pinyin` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `persons_resident_id_unique` ON `persons` (`resident_id`);--> statement-breakpoint
CREATE INDEX `persons_resident_id_reversed_idx` ON `persons` (`resident_id_reversed`);--> statement-breakpoint
CREATE INDEX `persons_name_idx` ON `persons` (`name`);--> statement-breakpoint
CREATE INDEX `persons_name_initials_idx` ON `persons` (`name_initials`);--> statement-breakpoint
CREATE INDEX `persons_name_pinyin_idx` ON `persons` (`name_pinyin`);--> statement-breakpoint
CREATE INDEX `persons_phone_idx` ON `persons` (`phone`);--> statement-breakpoint
CREATE TABLE `villages` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
) STRICT;
