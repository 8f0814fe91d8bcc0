-- The doctor's own reading of a scan. A new review supersedes the previous one without erasing it:
-- a scan's current review is its newest row. Agreement is derived from the finding and the class of
-- the prediction the doctor saw (NULL when the scan had no prediction).
CREATE TABLE review (
  id                     BIGINT        NOT NULL AUTO_INCREMENT,
  lung_scan_id           BIGINT        NOT NULL,
  prediction_id          BIGINT        NULL,
  reviewer_id            BIGINT        NOT NULL,
  finding                VARCHAR(64)   NOT NULL,
  agrees_with_prediction BOOLEAN       NULL,
  note                   VARCHAR(2000) NULL,
  reviewed_at            DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_review_lung_scan FOREIGN KEY (lung_scan_id) REFERENCES lung_scan (id) ON DELETE CASCADE,
  CONSTRAINT fk_review_prediction FOREIGN KEY (prediction_id) REFERENCES prediction (id) ON DELETE SET NULL,
  CONSTRAINT fk_review_reviewer FOREIGN KEY (reviewer_id) REFERENCES doctor (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX ix_review_scan_reviewed ON review (lung_scan_id, reviewed_at);
CREATE INDEX ix_review_reviewed ON review (reviewed_at);
