package org.lungscan.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.function.Supplier;

/**
 * Runs a request's writes in one transaction of their own: its rows and its audit events commit
 * together or, on any unchecked exception, not at all.
 */
@ApplicationScoped
public class OneTransaction {

  @Transactional(TxType.REQUIRES_NEW)
  public <T> T run(Supplier<T> work) {
    return work.get();
  }
}
