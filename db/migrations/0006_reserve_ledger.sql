CREATE TABLE `reserve_accounts` (
	`code` text PRIMARY KEY NOT NULL,
	`guarded` integer NOT NULL,
	`debits_posted_fen` integer NOT NULL,
	`credits_posted_fen` integer NOT NULL,
	`debits_pending_fen` integer NOT NULL,
	`credits_pending_fen` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "reserve_accounts_sums_nonnegative" CHECK("reserve_accounts"."debits_posted_fen" >= 0 AND "reserve_accounts"."credits_posted_fen" >= 0 AND "reserve_accounts"."debits_pending_fen" >= 0 AND "reserve_accounts"."credits_pending_fen" >= 0),
	CONSTRAINT "reserve_accounts_guarded" CHECK("reserve_accounts"."guarded" = 0 OR "reserve_accounts"."credits_posted_fen" + "reserve_accounts"."credits_pending_fen" <= "reserve_accounts"."debits_posted_fen")
) STRICT;
--> statement-breakpoint
CREATE TABLE `reserve_transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`debit_account` text NOT NULL,
	`credit_account` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`pending_id` text,
	`reversed_id` text,
	`reference` text NOT NULL,
	`note` text NOT NULL,
	`business_date` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`debit_account`) REFERENCES `reserve_accounts`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`credit_account`) REFERENCES `reserve_accounts`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pending_id`) REFERENCES `reserve_transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reversed_id`) REFERENCES `reserve_transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reserve_transfers_amount_positive" CHECK("reserve_transfers"."amount_fen" > 0 AND "reserve_transfers"."amount_fen" <= 99999999999999),
	CONSTRAINT "reserve_transfers_two_accounts" CHECK("reserve_transfers"."debit_account" <> "reserve_transfers"."credit_account"),
	CONSTRAINT "reserve_transfers_kind" CHECK("reserve_transfers"."kind" IN ('allocate', 'replenish', 'hold', 'post', 'void', 'reverse', 'recover', 'over', 'short')),
	CONSTRAINT "reserve_transfers_pending_link" CHECK(("reserve_transfers"."kind" IN ('post', 'void')) = ("reserve_transfers"."pending_id" IS NOT NULL)),
	CONSTRAINT "reserve_transfers_reversal_link" CHECK(("reserve_transfers"."kind" = 'reverse') = ("reserve_transfers"."reversed_id" IS NOT NULL))
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `reserve_transfers_seq_unique` ON `reserve_transfers` (`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `reserve_transfers_pending_unique` ON `reserve_transfers` (`pending_id`) WHERE "reserve_transfers"."pending_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `reserve_transfers_reversed_unique` ON `reserve_transfers` (`reversed_id`) WHERE "reserve_transfers"."reversed_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `reserve_transfers_date_idx` ON `reserve_transfers` (`business_date`,`seq`);--> statement-breakpoint
CREATE INDEX `reserve_transfers_reference_idx` ON `reserve_transfers` (`reference`);--> statement-breakpoint
-- Append-only (DESIGN.md §3, as audit_log and change_log in 0001): a transfer is never edited
-- or removed; a correction is a reversal or a void pointing at it. Accounts are never removed.
CREATE TRIGGER `reserve_transfers_no_update` BEFORE UPDATE ON `reserve_transfers` BEGIN SELECT RAISE(ABORT, 'reserve_transfers is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `reserve_transfers_no_delete` BEFORE DELETE ON `reserve_transfers` BEGIN SELECT RAISE(ABORT, 'reserve_transfers is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `reserve_accounts_no_delete` BEFORE DELETE ON `reserve_accounts` BEGIN SELECT RAISE(ABORT, 'reserve_accounts are never deleted'); END;
