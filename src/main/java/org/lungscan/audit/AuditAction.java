package org.lungscan.audit;

/**
 * What a doctor (or the server, for the first administrator) did, as the audit trail names it. The
 * trail stores each action by its name, so a name, once written, is never changed.
 */
public enum AuditAction {
  SIGN_UP,
  SIGN_IN,
  SIGN_OUT,
  CREATE_ADMINISTRATOR,
  PATIENT_CREATE,
  PATIENT_LIST,
  PATIENT_READ,
  PATIENT_UPDATE,
  PATIENT_DELETE,
  SCAN_CREATE,
  SCAN_LIST,
  SCAN_READ,
  SCAN_IMAGE_READ,
  SCAN_DELETE,
  PREDICT,
  PREDICTION_LIST,
  PREDICTION_READ,
  REVIEW_CREATE,
  REVIEW_LIST,
  WORKLIST_READ,
  ANALYTICS_READ,
  AUDIT_LIST,
  AUDIT_EXPORT,
  // the account lifecycle (issue 11)
  SIGN_OUT_EVERYWHERE,
  PASSWORD_CHANGE,
  MFA_ENABLE,
  MFA_DISABLE,
  ACCOUNT_APPROVE,
  ACCOUNT_DISABLE,
  ACCOUNT_ENABLE,
  ACCOUNT_ROLE_CHANGE,
  ACCOUNT_PASSWORD_RESET,
  HEATMAP_READ,
  REPORT_READ,
  ACCOUNT_LIST,
  MODEL_LIST,
  MODEL_UPLOAD,
  MODEL_EVALUATE,
  MODEL_ACTIVATE,
  DATASET_EXPORT,
}
