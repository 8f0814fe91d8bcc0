-- The model registry: every model uploaded or found at startup, and which one predicts.
-- Files live under <data dir>/models/<folder>/; a FAILED model keeps its row (the reason) but no file.
CREATE TABLE registered_model (
  id                     BIGINT        NOT NULL AUTO_INCREMENT,
  name                   VARCHAR(100)  NOT NULL,
  version                VARCHAR(50)   NOT NULL,
  status                 VARCHAR(16)   NOT NULL,
  folder                 VARCHAR(64)   NOT NULL,
  file_name              VARCHAR(120)  NOT NULL,
  sha256                 CHAR(64)      NOT NULL,
  size_bytes             BIGINT        NOT NULL,
  labels                 VARCHAR(2000) NOT NULL,
  cancer_labels          VARCHAR(2000) NOT NULL,
  input_height           INT           NOT NULL,
  input_width            INT           NOT NULL,
  input_channels         INT           NOT NULL,
  uploaded_at            DATETIME(6)   NOT NULL,
  uploaded_by            VARCHAR(254)  NOT NULL,
  validation_imported    BOOLEAN       NOT NULL,
  validation_detail      VARCHAR(2000) NOT NULL,
  reference_max_abs_diff DOUBLE        NULL,
  evaluation             MEDIUMTEXT    NULL,
  evaluated_at           DATETIME(6)   NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_registered_model_folder UNIQUE (folder),
  CONSTRAINT ck_registered_model_status CHECK (status IN ('ACTIVE', 'AVAILABLE', 'FAILED'))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_registered_model_sha256 ON registered_model (sha256);

-- One row: the active model. Every instance polls it; activation locks it, so one model is ACTIVE.
CREATE TABLE active_model (
  id         INT         NOT NULL,
  model_id   BIGINT      NULL,
  changed_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_active_model_model FOREIGN KEY (model_id) REFERENCES registered_model (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO active_model (id, model_id, changed_at) VALUES (1, NULL, CURRENT_TIMESTAMP);
