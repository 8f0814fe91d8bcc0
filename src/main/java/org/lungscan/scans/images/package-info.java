/**
 * Scan images on disk, plain Java: checking that an upload really is a whole JPEG or PNG of an
 * acceptable size ({@link org.lungscan.scans.images.ImageCheck}), keeping it durably under a
 * server-chosen key ({@link org.lungscan.scans.images.ImageStore}), its thumbnails ({@link
 * org.lungscan.scans.images.Thumbnails}) and decoding ({@link
 * org.lungscan.scans.images.ImageDecoding}).
 *
 * <p>Rules: the only place in the product, apart from the inference engine, that uses ImageIO; an
 * uploaded file's name never reaches a path; a file appears under its key only whole and forced to
 * disk.
 *
 * <p>Never imports anything of the product, nor CDI, JPA or the web APIs.
 */
package org.lungscan.scans.images;
