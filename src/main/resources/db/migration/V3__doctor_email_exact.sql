-- Emails are compared exactly, character for character. The application folds case (lower case,
-- trimmed, Unicode NFC) before it stores or looks up an email; the database must fold nothing more.
-- Under an accent-insensitive collation (utf8mb4_unicode_ci, utf8mb4_general_ci) an email with an
-- accented letter found the account of the same email without the accent, so one account answered
-- to several emails. H2 in MySQL mode accepts the collation and compares exactly anyway.
-- Emails stored before this version are lower case already; one typed in decomposed Unicode form
-- (rare) must be rewritten in NFC by hand for its doctor to sign in.
ALTER TABLE doctor MODIFY COLUMN email VARCHAR(254) NOT NULL COLLATE utf8mb4_bin;
