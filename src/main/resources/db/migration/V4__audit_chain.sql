-- The audit trail names whose data each event showed and the ids shown, and becomes tamper-evident:
-- every event from now on carries a SHA-256 hash over its fields and the previous event's hash
-- (org.lungscan.audit.ChainLink), and audit_chain's one row holds the chain's head. The application
-- gives each new event the id after the head's, under a lock on that row, so chained ids have no gaps.
-- Events written before this version keep no hash: the chain starts after them, at the genesis
-- recorded here (the highest id at migration time), from a previous hash of 64 zeros. SQL alone
-- cannot hash the old rows the same way on MySQL and H2, and a hash computed now would vouch for
-- rows nobody can vouch for any more.
ALTER TABLE audit_event ADD COLUMN patient_id BIGINT NULL;
ALTER TABLE audit_event ADD COLUMN detail VARCHAR(1000) NULL;
ALTER TABLE audit_event ADD COLUMN chain_hash CHAR(64) NULL;
-- "Who saw patient X's data?"
CREATE INDEX ix_audit_event_patient ON audit_event (patient_id, occurred_at);

CREATE TABLE audit_chain (
  id               INT      NOT NULL,
  genesis_event_id BIGINT   NOT NULL,
  last_event_id    BIGINT   NOT NULL,
  last_hash        CHAR(64) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT ck_audit_chain_one_row CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

INSERT INTO audit_chain (id, genesis_event_id, last_event_id, last_hash)
SELECT 1, COALESCE(MAX(id), 0), COALESCE(MAX(id), 0),
       '0000000000000000000000000000000000000000000000000000000000000000'
FROM audit_event;
