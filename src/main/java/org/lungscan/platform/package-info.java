/**
 * What every feature shares: the database and its migrations, configuration read before
 * MicroProfile Config, the JAX-RS application and its JSON, the domain exceptions and what they
 * become (problem responses for the API, page messages through the one Faces exception handler,
 * {@link org.lungscan.platform.PageExceptionHandler}), the pages' paths ({@link
 * org.lungscan.platform.Pages}) and words ({@link org.lungscan.platform.PageMessages}), security
 * headers, error pages, where a request came from ({@link org.lungscan.platform.ClientAddress}
 * decides the real client's address, trusting {@code X-Forwarded-For} from the configured proxies
 * only; {@link org.lungscan.platform.RequestOrigin} holds it for the request) and the database's
 * health.
 *
 * <p>Rules: nothing here knows a doctor, a patient or a scan; features depend on platform, never
 * the reverse. A broken rule reaches a client as {@link org.lungscan.platform.Invalid} or Bean
 * Validation's violation, both named by field.
 *
 * <p>Never imports a feature package (accounts, audit, patients, scans, predictions, ...).
 */
package org.lungscan.platform;
