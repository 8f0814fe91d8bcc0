-- The administrator's console: hospital-wide figures count events by their time across every
-- doctor, and the audit trail is filtered by action; the older indexes all start with an owner.
CREATE INDEX ix_patient_created ON patient (created_at);
CREATE INDEX ix_lung_scan_uploaded ON lung_scan (uploaded_at);
CREATE INDEX ix_prediction_predicted ON prediction (predicted_at);
CREATE INDEX ix_audit_event_action ON audit_event (action, occurred_at);
