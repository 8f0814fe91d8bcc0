/**
 * Lung scans: the scans' records and the service that keeps each record and its stored image in
 * agreement ({@code images} holds the image checks and the store). Depends on patients, accounts,
 * audit and platform; learns about predictions only through {@link
 * org.lungscan.scans.LatestPredictions}.
 */
package org.lungscan.scans;
