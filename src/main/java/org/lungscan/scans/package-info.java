/**
 * Lung scans: uploading an image for one of the doctor's patients, listing, reading, downloading
 * and deleting scans.
 *
 * <p>Offers {@link org.lungscan.scans.ScanService} (keeps each scan's row and its stored image in
 * agreement, audits every read and write), {@link org.lungscan.scans.ScanImage} (an image or
 * thumbnail as bytes for a door to send), the doors {@code LungScansResource} and {@code
 * ScanImagesServlet}, and the answer to patients' {@code ScanCounter}.
 *
 * <p>Rules: content, never a name or a declared type, decides what an upload is; an image is whole
 * on disk before its row commits and deleted only after its row's removal commits; it is kept
 * without its metadata, and served, thumbnailed or decoded only while its bytes have their recorded
 * SHA-256 (otherwise {@code Damaged}: 500, "Stored Data Damaged"); doors get bytes from the
 * service, never a path; other features get pixels from {@code ScanService.withPixels}, within the
 * decoding budget, never from ImageIO, or from the upload's own decode as {@code UploadedPixels}
 * beans. An upload is read from the request once, as it arrives ({@code MultipartForm}), decoded
 * once (its check's decode also makes its thumbnail and what {@code UploadedPixels} read), and its
 * row and audit event are written in one transaction.
 *
 * <p>Imports patients, accounts, audit and platform, and its own {@code images}; never predictions.
 */
package org.lungscan.scans;
