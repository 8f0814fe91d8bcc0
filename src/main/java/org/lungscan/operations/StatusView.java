package org.lungscan.operations;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The page door to the status of this instance and its cluster (console, administrators only). */
@Named("statusView")
@RequestScoped
public class StatusView {

  @Inject InstanceStatus status;

  private InstanceStatus.Status now;

  public InstanceStatus.Status getNow() {
    if (now == null) {
      now = status.now();
    }
    return now;
  }
}
