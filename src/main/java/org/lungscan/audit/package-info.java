/**
 * The audit trail: an append-only record of who did what to which resource, when, from where and
 * with what outcome.
 *
 * <p>Offers {@link org.lungscan.audit.AuditTrail} (record an event, read the latest), {@link
 * org.lungscan.audit.AuditAction} (the actions, stored by name) and the entity {@link
 * org.lungscan.audit.AuditEvent}.
 *
 * <p>Rules: services record, doors never do; each event is written in a transaction of its own, so
 * a refused or failed action is kept even when the action rolls back; events are never updated or
 * deleted; no password, token or image byte is ever recorded. The client address comes from
 * platform's {@link org.lungscan.platform.RequestOrigin}, not from a servlet request.
 *
 * <p>Imports platform only; never a feature, a door or the servlet API.
 */
package org.lungscan.audit;
