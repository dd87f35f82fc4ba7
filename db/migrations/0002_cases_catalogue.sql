CREATE TABLE `calendar_days` (
	`date` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`note` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "calendar_days_kind" CHECK("calendar_days"."kind" IN ('holiday', 'workday'))
) STRICT;
--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`event` text NOT NULL,
	`from_state` text,
	`to_state` text NOT NULL,
	`at` text NOT NULL,
	`user_id` text NOT NULL,
	`note` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `case_materials` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`material_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `case_materials_case_material_unique` ON `case_materials` (`case_id`,`material_id`);--> statement-breakpoint
CREATE TABLE `case_sequences` (
	`id` text PRIMARY KEY NOT NULL,
	`town_code` text NOT NULL,
	`year` integer NOT NULL,
	`last_seq` integer NOT NULL,
	CONSTRAINT "case_sequences_positive" CHECK("case_sequences"."last_seq" > 0)
) STRICT;
--> statement-breakpoint
CREATE TABLE `case_signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`person_id` text NOT NULL,
	`signed_date` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `case_signatures_unique` ON `case_signatures` (`case_id`,`kind`,`person_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`case_no` text NOT NULL,
	`application_id` text NOT NULL,
	`household_id` text NOT NULL,
	`applicant_person_id` text NOT NULL,
	`relief_type` text NOT NULL,
	`category` text,
	`channel` text NOT NULL,
	`assistant_name` text,
	`reason` text NOT NULL,
	`commitment_route` integer NOT NULL,
	`state` text NOT NULL,
	`catalogue_version` integer NOT NULL,
	`requires_review` integer NOT NULL,
	`town_may_decide` integer NOT NULL,
	`by_referral` integer NOT NULL,
	`accepted_date` text NOT NULL,
	`promised_date` text NOT NULL,
	`accepted_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applicant_person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`catalogue_version`) REFERENCES `catalogue_versions`(`version`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_no_unique` ON `cases` (`case_no`);--> statement-breakpoint
CREATE INDEX `cases_household_idx` ON `cases` (`household_id`);--> statement-breakpoint
CREATE INDEX `cases_state_idx` ON `cases` (`state`,`promised_date`);--> statement-breakpoint
CREATE INDEX `cases_application_idx` ON `cases` (`application_id`);--> statement-breakpoint
CREATE TABLE `catalogue_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`items_json` text NOT NULL,
	`note` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE TABLE `dishonesty_records` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`decision_no` text NOT NULL,
	`decided_date` text NOT NULL,
	`status` text NOT NULL,
	`amount_due_fen` integer NOT NULL,
	`amount_returned_fen` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "dishonesty_amounts" CHECK("dishonesty_records"."amount_due_fen" >= 0 AND "dishonesty_records"."amount_returned_fen" >= 0)
) STRICT;
--> statement-breakpoint
CREATE INDEX `dishonesty_records_person_idx` ON `dishonesty_records` (`person_id`,`status`);--> statement-breakpoint
CREATE TABLE `prints` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text,
	`document_kind` text NOT NULL,
	`document_ref` text NOT NULL,
	`copy_no` integer NOT NULL,
	`target` text NOT NULL,
	`printed_at` text NOT NULL,
	`printed_by` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`printed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `prints_copy_unique` ON `prints` (`document_kind`,`document_ref`,`copy_no`);--> statement-breakpoint
CREATE INDEX `prints_case_idx` ON `prints` (`case_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `credential_epoch` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE TRIGGER `case_events_no_update` BEFORE UPDATE ON `case_events` BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `case_events_no_delete` BEFORE DELETE ON `case_events` BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
