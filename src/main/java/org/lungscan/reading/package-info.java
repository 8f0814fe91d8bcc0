/**
 * Reading scans: the doctor's own findings (reviews) compared with the AI's prediction, the triage
 * worklist of the doctor's scans by suspicion, and the reading view with the patient's earlier
 * scans; also the doors that show scans with their latest prediction and review.
 *
 * <p>Offers {@link org.lungscan.reading.ReviewService} (write and read a scan's reviews; the
 * hospital-wide reviewed scans, counts and agreement for administrator features) and the doors.
 *
 * <p>Rules: a review is always reached through a scan of the signed-in doctor's, and audited; a
 * review is never changed or deleted, only superseded (it goes with its scan).
 *
 * <p>Imports predictions, scans, patients, accounts, audit and platform; features above it
 * (reports, models, analytics, operations) may import it.
 */
package org.lungscan.reading;
