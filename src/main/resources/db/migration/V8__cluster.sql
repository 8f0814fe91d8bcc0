-- A cluster of instances shares this database.
-- scheduled_run: one row per run of a scheduled job, claimed by the first instance whose timer fires
-- for that due time (the primary key refuses the others), so a nightly job runs once per cluster,
-- not once per instance; the rows also say which instance ran what, and when.
CREATE TABLE scheduled_run (
  job        VARCHAR(64)  NOT NULL,
  due_at     DATETIME(6)  NOT NULL,
  instance   VARCHAR(200) NOT NULL,
  started_at DATETIME(6)  NOT NULL,
  PRIMARY KEY (job, due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- The request id the load balancer gave the request that caused an audit event (X-Request-Id).
ALTER TABLE audit_event ADD COLUMN request_id VARCHAR(64) NULL;
