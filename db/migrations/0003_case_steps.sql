CREATE TABLE `decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`outcome` text NOT NULL,
	`amount_fen` integer,
	`period_start` text,
	`period_months` integer,
	`opinion` text NOT NULL,
	`refusal_reasons` text,
	`decided_by` text NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "decisions_amount" CHECK("decisions"."amount_fen" IS NULL OR "decisions"."amount_fen" >= 0)
) STRICT;
--> statement-breakpoint
CREATE INDEX `decisions_case_idx` ON `decisions` (`case_id`);--> statement-breakpoint
CREATE TABLE `democratic_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`review_date` text NOT NULL,
	`participants` integer NOT NULL,
	`in_favour` integer NOT NULL,
	`opinion` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "democratic_reviews_counts" CHECK("democratic_reviews"."in_favour" >= 0 AND "democratic_reviews"."in_favour" <= "democratic_reviews"."participants")
) STRICT;
--> statement-breakpoint
CREATE INDEX `democratic_reviews_case_idx` ON `democratic_reviews` (`case_id`);--> statement-breakpoint
CREATE TABLE `economic_check_results` (
	`id` text PRIMARY KEY NOT NULL,
	`check_id` text NOT NULL,
	`source` text NOT NULL,
	`outcome` text NOT NULL,
	`figures_json` text NOT NULL,
	`note` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`check_id`) REFERENCES `economic_checks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `economic_check_results_source_unique` ON `economic_check_results` (`check_id`,`source`);--> statement-breakpoint
CREATE TABLE `economic_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`household_id` text NOT NULL,
	`case_id` text NOT NULL,
	`requested_date` text NOT NULL,
	`requested_by` text NOT NULL,
	`status` text NOT NULL,
	`report_no` text,
	`completed_date` text,
	`valid_until` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `economic_checks_household_idx` ON `economic_checks` (`household_id`,`valid_until`);--> statement-breakpoint
CREATE TABLE `investigations` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`visit_date` text NOT NULL,
	`investigator1` text NOT NULL,
	`investigator2` text NOT NULL,
	`housing` text NOT NULL,
	`income_json` text NOT NULL,
	`assets` text NOT NULL,
	`cause` text NOT NULL,
	`supporters` text NOT NULL,
	`conclusion` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `investigations_case_idx` ON `investigations` (`case_id`);--> statement-breakpoint
CREATE TABLE `notice_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`notice_id` text NOT NULL,
	`case_id` text NOT NULL,
	`proposed_amount_fen` integer,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notice_entries_amount" CHECK("notice_entries"."proposed_amount_fen" IS NULL OR "notice_entries"."proposed_amount_fen" >= 0)
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_entries_unique` ON `notice_entries` (`notice_id`,`case_id`);--> statement-breakpoint
CREATE INDEX `notice_entries_case_idx` ON `notice_entries` (`case_id`);--> statement-breakpoint
CREATE TABLE `notice_objections` (
	`id` text PRIMARY KEY NOT NULL,
	`notice_id` text NOT NULL,
	`case_id` text NOT NULL,
	`received_date` text NOT NULL,
	`content` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `villages`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `notices_village_idx` ON `notices` (`village_code`,`start_date`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`department` text NOT NULL,
	`sent_date` text NOT NULL,
	`due_date` text NOT NULL,
	`answer` text,
	`answered_date` text,
	`sent_by` text NOT NULL,
	`answer_recorded_by` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sent_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answer_recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `referrals_case_idx` ON `referrals` (`case_id`);--> statement-breakpoint
CREATE INDEX `referrals_due_idx` ON `referrals` (`answered_date`,`due_date`);