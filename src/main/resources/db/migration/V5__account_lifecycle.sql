-- The account lifecycle (issue 11): an account is PENDING until approved, ACTIVE, or DISABLED.
-- Accounts made before this version keep working: they are ACTIVE.
ALTER TABLE doctor ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE doctor ADD CONSTRAINT ck_doctor_status CHECK (status IN ('PENDING', 'ACTIVE', 'DISABLED'));
ALTER TABLE doctor ADD COLUMN last_sign_in_at DATETIME(6) NULL;
-- Every token and page session carries the version current when it began; raising it ends them all
-- (log out everywhere, password change, disabling). kept_token_id is the one token that survives a
-- raise: the token a doctor changed their password with.
ALTER TABLE doctor ADD COLUMN session_version INT NOT NULL DEFAULT 0;
ALTER TABLE doctor ADD COLUMN kept_token_id VARCHAR(64) NULL;
-- Set by an administrator's password reset: the doctor must choose a new password first.
ALTER TABLE doctor ADD COLUMN password_change_required BOOLEAN NOT NULL DEFAULT FALSE;
-- Two-factor sign-in (TOTP): the secret, encrypted with a key kept in the data directory; whether it
-- is on (confirmed); the last time step whose code was accepted, so that no code counts twice.
ALTER TABLE doctor ADD COLUMN mfa_secret VARCHAR(255) NULL;
ALTER TABLE doctor ADD COLUMN mfa_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE doctor ADD COLUMN mfa_last_step BIGINT NULL;
CREATE INDEX ix_doctor_status ON doctor (status, name);

-- Single tokens ended by logging out, kept until they would have expired anyway.
CREATE TABLE revoked_token (
  token_id   VARCHAR(64) NOT NULL,
  doctor_id  BIGINT      NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  PRIMARY KEY (token_id),
  CONSTRAINT fk_revoked_token_doctor FOREIGN KEY (doctor_id) REFERENCES doctor (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_revoked_token_doctor ON revoked_token (doctor_id, expires_at);
