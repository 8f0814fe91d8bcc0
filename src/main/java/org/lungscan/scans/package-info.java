/**
 * Lung scans: the image checks, the image store and the scans' records. Depends on patients,
 * accounts, audit and platform; knows nothing about predictions.
 */
package org.lungscan.scans;
