package org.lungscan.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The end of the audit trail's hash chain: the last event's id and hash, in the one row of {@code
 * audit_chain}. Appending locks this row ({@code SELECT ... FOR UPDATE}) in the appending
 * transaction, so writers on every instance sharing the database take their places one at a time.
 * Events up to {@code genesisEventId} were written before the chain existed and carry no hash.
 */
@Entity
@Table(name = "audit_chain")
public class AuditChainHead {

  /** The id of the single row. */
  static final int ROW = 1;

  @Id private Integer id;

  @Column(name = "genesis_event_id", nullable = false, updatable = false)
  private long genesisEventId;

  @Column(name = "last_event_id", nullable = false)
  private long lastEventId;

  @Column(name = "last_hash", nullable = false, length = 64)
  private String lastHash;

  protected AuditChainHead() {}

  /** Puts the event at the end of the chain. */
  void append(AuditEvent event) {
    lastHash = event.chainAfter(lastEventId, lastHash);
    lastEventId = event.getId();
  }

  public long getGenesisEventId() {
    return genesisEventId;
  }

  public long getLastEventId() {
    return lastEventId;
  }

  public String getLastHash() {
    return lastHash;
  }
}
