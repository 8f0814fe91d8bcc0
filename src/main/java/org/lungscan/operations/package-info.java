/**
 * What hospital IT watches: this instance and its cluster on the administrator's status page. The
 * metrics themselves are registered where they are measured (requests in platform, inference in
 * predictions, uploads in scans) and read at {@code /metrics}.
 *
 * <p>Top of the feature order: may read any feature beneath it, and none depends on it.
 */
package org.lungscan.operations;
