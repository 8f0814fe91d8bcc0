/**
 * Scan images on disk: checking that an upload really is a whole JPEG or PNG of acceptable size,
 * storing it durably under a server-chosen key, and its thumbnails. Plain Java: no JPA, no web.
 */
package org.lungscan.scans.images;
