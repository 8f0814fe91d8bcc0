-- The whole domain, written once for MySQL and for the embedded H2 (MySQL mode).
-- Times are UTC, DATETIME(6). Deleting a patient removes their scans and, through them, predictions.

CREATE TABLE doctor (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  name          VARCHAR(100) NOT NULL,
  email         VARCHAR(254) NOT NULL,
  password_hash VARCHAR(72)  NOT NULL,
  role          VARCHAR(16)  NOT NULL,
  created_at    DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_doctor_email UNIQUE (email),
  CONSTRAINT ck_doctor_role CHECK (role IN ('DOCTOR', 'ADMIN'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE patient (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  doctor_id  BIGINT       NOT NULL,
  name       VARCHAR(100) NOT NULL,
  age        INT          NOT NULL,
  gender     VARCHAR(6)   NOT NULL,
  created_at DATETIME(6)  NOT NULL,
  updated_at DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_patient_doctor FOREIGN KEY (doctor_id) REFERENCES doctor (id),
  CONSTRAINT ck_patient_age CHECK (age BETWEEN 0 AND 130),
  CONSTRAINT ck_patient_gender CHECK (gender IN ('MALE', 'FEMALE', 'OTHER'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_patient_doctor_name ON patient (doctor_id, name);

CREATE TABLE lung_scan (
  id                BIGINT       NOT NULL AUTO_INCREMENT,
  patient_id        BIGINT       NOT NULL,
  doctor_id         BIGINT       NOT NULL,
  storage_key       VARCHAR(64)  NOT NULL,
  content_type      VARCHAR(32)  NOT NULL,
  size_bytes        BIGINT       NOT NULL,
  width             INT          NOT NULL,
  height            INT          NOT NULL,
  sha256            CHAR(64)     NOT NULL,
  original_filename VARCHAR(255) NULL,
  uploaded_at       DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_lung_scan_storage_key UNIQUE (storage_key),
  CONSTRAINT fk_lung_scan_patient FOREIGN KEY (patient_id) REFERENCES patient (id) ON DELETE CASCADE,
  CONSTRAINT fk_lung_scan_doctor FOREIGN KEY (doctor_id) REFERENCES doctor (id),
  CONSTRAINT ck_lung_scan_content_type CHECK (content_type IN ('image/jpeg', 'image/png')),
  CONSTRAINT ck_lung_scan_size CHECK (size_bytes > 0 AND width > 0 AND height > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_lung_scan_patient_uploaded ON lung_scan (patient_id, uploaded_at);
CREATE INDEX ix_lung_scan_doctor_uploaded ON lung_scan (doctor_id, uploaded_at);

CREATE TABLE prediction (
  id              BIGINT       NOT NULL AUTO_INCREMENT,
  lung_scan_id    BIGINT       NOT NULL,
  predicted_class VARCHAR(64)  NOT NULL,
  confidence      DOUBLE       NOT NULL,
  model_name      VARCHAR(100) NOT NULL,
  model_version   VARCHAR(50)  NOT NULL,
  inference_ms    DOUBLE       NOT NULL,
  predicted_at    DATETIME(6)  NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_prediction_lung_scan FOREIGN KEY (lung_scan_id) REFERENCES lung_scan (id) ON DELETE CASCADE,
  CONSTRAINT ck_prediction_confidence CHECK (confidence BETWEEN 0 AND 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_prediction_scan_predicted ON prediction (lung_scan_id, predicted_at);

CREATE TABLE prediction_probability (
  prediction_id BIGINT      NOT NULL,
  label         VARCHAR(64) NOT NULL,
  probability   DOUBLE      NOT NULL,
  PRIMARY KEY (prediction_id, label),
  CONSTRAINT fk_prediction_probability_prediction FOREIGN KEY (prediction_id) REFERENCES prediction (id) ON DELETE CASCADE,
  CONSTRAINT ck_prediction_probability CHECK (probability BETWEEN 0 AND 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Append-only: the application never updates or deletes these rows; no foreign keys, so that the
-- trail outlives what it describes. In production grant the application INSERT and SELECT only.
CREATE TABLE audit_event (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  occurred_at    DATETIME(6)  NOT NULL,
  actor_id       BIGINT       NULL,
  actor_email    VARCHAR(254) NULL,
  action         VARCHAR(32)  NOT NULL,
  resource_type  VARCHAR(32)  NULL,
  resource_id    VARCHAR(64)  NULL,
  outcome        VARCHAR(16)  NOT NULL,
  client_address VARCHAR(45)  NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_audit_event_occurred ON audit_event (occurred_at);
CREATE INDEX ix_audit_event_actor ON audit_event (actor_id, occurred_at);
CREATE INDEX ix_audit_event_resource ON audit_event (resource_type, resource_id);
