/**
 * A doctor's patients. Every read and write is scoped by the signed-in doctor. Depends on accounts,
 * audit and platform; knows nothing about scans.
 */
package org.lungscan.patients;
