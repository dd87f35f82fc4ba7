DROP INDEX `cases_state_idx`;--> statement-breakpoint
CREATE INDEX `cases_state_idx` ON `cases` (`state`,`promised_date`,`case_no`,`by_referral`,`id`);