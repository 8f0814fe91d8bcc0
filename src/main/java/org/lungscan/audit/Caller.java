package org.lungscan.audit;

import org.lungscan.audit.AuditTrail.Actor;

/**
 * Who is asking, as the trail records them: a port that the accounts feature fills in, so that the
 * audit feature can record its own readers without knowing about accounts.
 */
public interface Caller {

  /** The signed-in account of this request. */
  Actor actor();
}
