CREATE TABLE `day_closes` (
	`id` text PRIMARY KEY NOT NULL,
	`business_date` text NOT NULL,
	`book_balance_fen` integer NOT NULL,
	`counted_fen` integer NOT NULL,
	`difference_fen` integer NOT NULL,
	`difference_transfer_id` text,
	`difference_reason` text,
	`payout_count` integer NOT NULL,
	`payouts_fen` integer NOT NULL,
	`reversals_fen` integer NOT NULL,
	`replenishments_fen` integer NOT NULL,
	`audit_head_hash` text NOT NULL,
	`closed_by` text NOT NULL,
	`closed_at` text NOT NULL,
	FOREIGN KEY (`difference_transfer_id`) REFERENCES `reserve_transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "day_closes_amounts" CHECK("day_closes"."book_balance_fen" >= 0 AND "day_closes"."counted_fen" >= 0 AND "day_closes"."difference_fen" = "day_closes"."counted_fen" - "day_closes"."book_balance_fen"),
	CONSTRAINT "day_closes_difference" CHECK(("day_closes"."difference_fen" = 0) = ("day_closes"."difference_transfer_id" IS NULL))
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `day_closes_date_unique` ON `day_closes` (`business_date`);--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`method` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`payee_name` text NOT NULL,
	`payee_resident_id` text NOT NULL,
	`proxy_relation` text,
	`bank_name` text,
	`bank_account` text,
	`transfer_reference` text,
	`emergency` integer NOT NULL,
	`paperwork_due_date` text,
	`paperwork_completed_at` text,
	`paperwork_completed_by` text,
	`cause` text NOT NULL,
	`repeat_reason` text,
	`opinion` text NOT NULL,
	`state` text NOT NULL,
	`hold_transfer_id` text,
	`post_transfer_id` text,
	`void_transfer_id` text,
	`voucher_no` text,
	`approved_by` text NOT NULL,
	`approved_at` text NOT NULL,
	`paid_by` text,
	`paid_at` text,
	`paid_date` text,
	`cancelled_by` text,
	`cancelled_at` text,
	`cancel_reason` text,
	`signed_at` text,
	`signed_by` text,
	`claim_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paperwork_completed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hold_transfer_id`) REFERENCES `reserve_transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`post_transfer_id`) REFERENCES `reserve_transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`void_transfer_id`) REFERENCES `reserve_transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`paid_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`signed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`claim_id`) REFERENCES `reimbursement_claims`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payouts_amount_positive" CHECK("payouts"."amount_fen" > 0),
	CONSTRAINT "payouts_method" CHECK("payouts"."method" IN ('cash', 'bank')),
	CONSTRAINT "payouts_state" CHECK("payouts"."state" IN ('approved', 'paid', 'cancelled')),
	CONSTRAINT "payouts_cancelled" CHECK(("payouts"."state" = 'cancelled') = ("payouts"."cancelled_at" IS NOT NULL)),
	CONSTRAINT "payouts_cash_hold" CHECK(("payouts"."method" = 'cash') = ("payouts"."hold_transfer_id" IS NOT NULL)),
	CONSTRAINT "payouts_paid" CHECK(("payouts"."state" = 'paid') = ("payouts"."paid_at" IS NOT NULL AND "payouts"."voucher_no" IS NOT NULL)),
	CONSTRAINT "payouts_emergency_due" CHECK("payouts"."emergency" = ("payouts"."paperwork_due_date" IS NOT NULL))
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_live_case_unique` ON `payouts` (`case_id`) WHERE "payouts"."state" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_voucher_unique` ON `payouts` (`voucher_no`) WHERE "payouts"."voucher_no" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `payouts_case_idx` ON `payouts` (`case_id`);--> statement-breakpoint
CREATE INDEX `payouts_paid_date_idx` ON `payouts` (`paid_date`);--> statement-breakpoint
CREATE INDEX `payouts_claim_idx` ON `payouts` (`claim_id`);--> statement-breakpoint
CREATE TABLE `reimbursement_claims` (
	`id` text PRIMARY KEY NOT NULL,
	`claim_no` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`payout_count` integer NOT NULL,
	`total_fen` integer NOT NULL,
	`state` text NOT NULL,
	`submitted_by` text NOT NULL,
	`submitted_at` text NOT NULL,
	`settled_transfer_id` text,
	`settled_at` text,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`settled_transfer_id`) REFERENCES `reserve_transfers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reimbursement_claims_state" CHECK("reimbursement_claims"."state" IN ('submitted', 'settled')),
	CONSTRAINT "reimbursement_claims_period" CHECK("reimbursement_claims"."period_start" <= "reimbursement_claims"."period_end"),
	CONSTRAINT "reimbursement_claims_total" CHECK("reimbursement_claims"."payout_count" > 0 AND "reimbursement_claims"."total_fen" > 0),
	CONSTRAINT "reimbursement_claims_settled" CHECK(("reimbursement_claims"."state" = 'settled') = ("reimbursement_claims"."settled_transfer_id" IS NOT NULL))
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `reimbursement_claims_no_unique` ON `reimbursement_claims` (`claim_no`);--> statement-breakpoint
ALTER TABLE `decisions` ADD `cause` text;--> statement-breakpoint
ALTER TABLE `decisions` ADD `repeat_reason` text;--> statement-breakpoint
CREATE TRIGGER `payouts_no_delete` BEFORE DELETE ON `payouts` BEGIN SELECT RAISE(ABORT, 'payouts are never deleted: a cancelled payout stays, cancelled'); END;
--> statement-breakpoint
CREATE TRIGGER `payouts_paid_final` BEFORE UPDATE OF `amount_fen`, `method`, `case_id`, `post_transfer_id`, `voucher_no`, `paid_at`, `paid_date` ON `payouts` WHEN OLD.`state` = 'paid' BEGIN SELECT RAISE(ABORT, 'a paid payout keeps its amount, voucher and payment'); END;
--> statement-breakpoint
CREATE TRIGGER `day_closes_no_change` BEFORE UPDATE ON `day_closes` BEGIN SELECT RAISE(ABORT, 'day_closes are final'); END;
--> statement-breakpoint
CREATE TRIGGER `day_closes_no_delete` BEFORE DELETE ON `day_closes` BEGIN SELECT RAISE(ABORT, 'day_closes are final'); END;
--> statement-breakpoint
CREATE TRIGGER `reimbursement_claims_no_delete` BEFORE DELETE ON `reimbursement_claims` BEGIN SELECT RAISE(ABORT, 'reimbursement claims are never deleted'); END;
