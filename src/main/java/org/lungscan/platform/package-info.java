/**
 * What every feature shares: the database and its migrations, configuration read before
 * MicroProfile Config, the JAX-RS application and its JSON, the domain exceptions and the problem
 * responses they become, security headers, error pages, where a request came from ({@link
 * org.lungscan.platform.RequestOrigin}) and the database's health.
 *
 * <p>Rules: nothing here knows a doctor, a patient or a scan; features depend on platform, never
 * the reverse.
 *
 * <p>Never imports a feature package (accounts, audit, patients, scans, predictions, ...).
 */
package org.lungscan.platform;
