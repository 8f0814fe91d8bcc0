package org.lungscan.patients;

/** A patient's gender as recorded by the doctor. */
public enum Gender {
  MALE,
  FEMALE,
  OTHER
}
