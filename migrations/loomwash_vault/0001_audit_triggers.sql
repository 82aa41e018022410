-- The audit log is append-only and its chain is enforced by the database itself (DESIGN P8):
-- no UPDATE, no DELETE, and an INSERT must take the next sequence number and name the hash of
-- the entry before it, so two concurrent appends can never fork the chain or leave a gap (the
-- loser fails and retries on the new head). Hashes themselves are checked by `audit:verify`.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;--> statement-breakpoint
CREATE TRIGGER `audit_log_chained` BEFORE INSERT ON `audit_log`
WHEN NEW.`seq` <> (SELECT COALESCE(MAX(`seq`), 0) + 1 FROM `audit_log`)
	OR NEW.`prev_hash` <> COALESCE(
		(SELECT `hash` FROM `audit_log` WHERE `seq` = NEW.`seq` - 1),
		'0000000000000000000000000000000000000000000000000000000000000000'
	)
BEGIN
	SELECT RAISE(ABORT, 'audit_log append is not at the head of the chain');
END;
