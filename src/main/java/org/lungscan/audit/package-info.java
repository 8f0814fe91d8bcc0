/**
 * The audit trail: an append-only record of who did what to which resource, when, from where and
 * with what outcome. Never holds passwords, tokens or image bytes. Depends on platform only.
 */
package org.lungscan.audit;
