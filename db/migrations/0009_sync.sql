CREATE TABLE `district_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`town_code` text NOT NULL,
	`case_id` text NOT NULL,
	`case_no` text NOT NULL,
	`outcome` text NOT NULL,
	`amount_fen` integer,
	`opinion` text NOT NULL,
	`decided_by` text NOT NULL,
	`decided_by_name` text NOT NULL,
	`decided_at` text NOT NULL,
	`out_sequence` integer,
	CONSTRAINT "district_decisions_amount" CHECK(("district_decisions"."outcome" = 'approved') = ("district_decisions"."amount_fen" IS NOT NULL AND "district_decisions"."amount_fen" > 0))
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `district_decisions_case_unique` ON `district_decisions` (`town_code`,`case_id`);--> statement-breakpoint
CREATE TABLE `district_outbox` (
	`town_code` text NOT NULL,
	`sequence` integer NOT NULL,
	`file_name` text NOT NULL,
	`created_at` text NOT NULL,
	`rows` integer NOT NULL,
	`bytes` integer NOT NULL,
	`package_sha256` text NOT NULL,
	`content` blob NOT NULL,
	`ack_sequence` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`town_code`, `sequence`)
) STRICT;
--> statement-breakpoint
CREATE TABLE `district_replenishments` (
	`id` text PRIMARY KEY NOT NULL,
	`town_code` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`voucher_no` text NOT NULL,
	`claim_no` text,
	`note` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` text NOT NULL,
	`out_sequence` integer,
	CONSTRAINT "district_replenishments_amount" CHECK("district_replenishments"."amount_fen" > 0)
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `district_replenishments_voucher_unique` ON `district_replenishments` (`town_code`,`voucher_no`);--> statement-breakpoint
CREATE TABLE `district_rows` (
	`town_code` text NOT NULL,
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`op` text NOT NULL,
	`row_json` text NOT NULL,
	`change_seq` integer NOT NULL,
	`package_sequence` integer NOT NULL,
	PRIMARY KEY(`town_code`, `table_name`, `row_id`)
) STRICT, WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `district_rows_table_idx` ON `district_rows` (`table_name`,`town_code`);--> statement-breakpoint
CREATE TABLE `sync_alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`peer_code` text,
	`sequence` integer,
	`message` text NOT NULL,
	`detail_json` text NOT NULL,
	`at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_alerts_key_unique` ON `sync_alerts` (`kind`,`key`);--> statement-breakpoint
CREATE INDEX `sync_alerts_at_idx` ON `sync_alerts` (`at`);--> statement-breakpoint
CREATE TABLE `sync_exports` (
	`sequence` integer PRIMARY KEY NOT NULL,
	`file_name` text NOT NULL,
	`created_at` text NOT NULL,
	`trigger` text NOT NULL,
	`from_change_seq` integer NOT NULL,
	`to_change_seq` integer NOT NULL,
	`from_audit_seq` integer NOT NULL,
	`to_audit_seq` integer NOT NULL,
	`rows` integer NOT NULL,
	`bytes` integer NOT NULL,
	`package_sha256` text NOT NULL,
	`content` blob NOT NULL,
	`acknowledged_at` text,
	CONSTRAINT "sync_exports_ranges" CHECK("sync_exports"."from_change_seq" <= "sync_exports"."to_change_seq" AND "sync_exports"."from_audit_seq" <= "sync_exports"."to_audit_seq" AND "sync_exports"."sequence" >= 1),
	CONSTRAINT "sync_exports_size" CHECK("sync_exports"."bytes" = length("sync_exports"."content") AND "sync_exports"."rows" >= 0)
) STRICT;
--> statement-breakpoint
CREATE TABLE `sync_held` (
	`peer_code` text NOT NULL,
	`sequence` integer NOT NULL,
	`package_sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`content` blob NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`peer_code`, `sequence`),
	FOREIGN KEY (`peer_code`) REFERENCES `sync_peers`(`code`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE TABLE `sync_peers` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`signing_public_key` text NOT NULL,
	`agreement_public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`folder` text,
	`enrolled_at` text NOT NULL,
	`last_sequence` integer DEFAULT 0 NOT NULL,
	`last_package_sha256` text,
	`last_created_at` text,
	`last_imported_at` text,
	`last_audit_seq` integer DEFAULT 0 NOT NULL,
	`last_audit_hash` text,
	`reserve_balance_fen` integer,
	`reserve_held_fen` integer,
	`reserve_available_fen` integer
) STRICT;
--> statement-breakpoint
CREATE TABLE `sync_quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`peer_code` text,
	`sequence` integer,
	`file_name` text NOT NULL,
	`package_sha256` text NOT NULL,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`at` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_quarantine_sha_unique` ON `sync_quarantine` (`package_sha256`);--> statement-breakpoint
CREATE TABLE `sync_received` (
	`peer_code` text NOT NULL,
	`sequence` integer NOT NULL,
	`package_sha256` text NOT NULL,
	`file_name` text NOT NULL,
	`created_at` text NOT NULL,
	`imported_at` text NOT NULL,
	`rows` integer NOT NULL,
	`bytes` integer NOT NULL,
	PRIMARY KEY(`peer_code`, `sequence`),
	FOREIGN KEY (`peer_code`) REFERENCES `sync_peers`(`code`) ON UPDATE no action ON DELETE no action
) STRICT;
