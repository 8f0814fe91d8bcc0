package org.lungscan.patients;

/**
 * Announced, inside the deleting transaction, just before a patient is removed, so that features
 * holding the patient's data (scans and their stored images) can let it go with them.
 */
public record PatientRemoval(long patientId) {}
