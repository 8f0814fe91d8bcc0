package org.lungscan.accounts;

/** Where an account is in its life: waiting for approval, in use, or switched off. */
public enum AccountStatus {
  PENDING,
  ACTIVE,
  DISABLED
}
