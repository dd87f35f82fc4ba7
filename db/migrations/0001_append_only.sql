-- Append-only tables (DESIGN.md §3): history is corrected by new rows, never by edits.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `change_log_no_update` BEFORE UPDATE ON `change_log` BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `change_log_no_delete` BEFORE DELETE ON `change_log` BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
