-- Each audit entry's seal: HMAC-SHA256 of its SHA-256 with a key kept outside the database (security.auditKeyFile).
-- Entries written before the key existed keep NULL; every entry after the first sealed one must be sealed.
ALTER TABLE audit_log ADD COLUMN mac VARCHAR(64);
