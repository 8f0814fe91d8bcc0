/**
 * The audit trail: an append-only, tamper-evident record of who did what to which resource, when,
 * from where, with what outcome, and whose data it showed.
 *
 * <p>Offers {@link org.lungscan.audit.AuditTrail} (record an event, record what a read showed,
 * check the chain, read the latest), {@link org.lungscan.audit.Shown} (what a read showed), {@link
 * org.lungscan.audit.AuditAction} (the actions, stored by name), the entity {@link
 * org.lungscan.audit.AuditEvent}, the check {@link org.lungscan.audit.ChainVerification} with its
 * command {@link org.lungscan.audit.AuditCheck}, and the administrators' door {@code GET
 * /api/admin/audit/verify}.
 *
 * <p><b>Who saw patient X's data?</b> Every event that showed or changed a patient's data names
 * that patient in {@code patient_id}: a read or change of one resource names its patient, and a
 * list is recorded as one event per patient it showed, whose {@code detail} lists the ids shown of
 * theirs as {@code kind=id,id,...} ({@code patient=7}, {@code lung_scan=12,9}, {@code
 * prediction=31}), split over several events when the ids do not fit the 1000-character column, so
 * that no id is ever dropped. A list that showed nothing is one event without a patient ({@code
 * detail} {@code kind=}). The answer is one indexed query: {@code SELECT occurred_at, actor_id,
 * actor_email, action, resource_type, resource_id, detail, client_address FROM audit_event WHERE
 * patient_id = X ORDER BY id}. Failures and refusals name no patient (nothing was shown); their
 * {@code resource_id} keeps the id that was asked for.
 *
 * <p><b>Tamper evidence.</b> Each event carries a SHA-256 hash over its fields and the previous
 * event's hash ({@link org.lungscan.audit.ChainLink} documents the encoding). Appending locks the
 * one row of {@code audit_chain} ({@code SELECT ... FOR UPDATE}) in the event's own transaction,
 * gives the event the next id and moves the head, so writers on every instance sharing the database
 * take their places one at a time and chained ids have no gaps. The check reports the first event
 * changed in place, or the first missing id of a deleted one. Events written before the chain
 * existed (before migration V4) carry no hash; the chain starts after them, at the genesis id
 * recorded in {@code audit_chain}. Whoever can rewrite every later hash and the head can forge a
 * consistent chain: keep the {@code last_hash} that each check logs somewhere else.
 *
 * <p>Rules: services record, doors never do; each record is written in a transaction of its own, so
 * a refused or failed action is kept even when the action rolls back, and a write to the trail that
 * fails fails the action; events are never updated or deleted; every text is cut to its column
 * (ending in "…") so that recording never fails; no password, token or image byte is ever recorded.
 * The client address comes from platform's {@link org.lungscan.platform.RequestOrigin}, not from a
 * servlet request.
 *
 * <p>Imports platform only; never another feature or the servlet API.
 */
package org.lungscan.audit;
