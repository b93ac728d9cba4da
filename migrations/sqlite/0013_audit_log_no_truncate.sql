-- The audit log is append-only. SQLite has no TRUNCATE: emptying a table is `DELETE FROM`,
-- which audit_log_no_delete (0001) already refuses, row triggers disabling SQLite's
-- truncate optimisation. Kept so both backends number their migrations alike.
SELECT 1;
