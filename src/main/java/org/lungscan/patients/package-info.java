/**
 * A doctor's patients: add, list and search, read, correct and delete.
 *
 * <p>Offers {@link org.lungscan.patients.PatientService} (every rule; its doors and other features'
 * services call it), the doors {@code PatientsResource} and {@code PatientsView}, the event {@link
 * org.lungscan.patients.PatientRemoval} and the port {@link org.lungscan.patients.ScanCounter},
 * answered by scans.
 *
 * <p>Rules: every query is scoped by the signed-in doctor, and another doctor's patient is, here, a
 * patient that does not exist; every read and write is audited, from the pages as from the API
 * ({@code get}, {@code list}), while {@code owned} is for other features to attach things to; a
 * patient's details are checked by the constraints on {@link org.lungscan.patients.PatientDetails}
 * where they enter the service.
 *
 * <p>Imports accounts, audit and platform; never scans or predictions (it learns scan counts
 * through {@code ScanCounter} and lets scans go through {@code PatientRemoval}).
 */
package org.lungscan.patients;
