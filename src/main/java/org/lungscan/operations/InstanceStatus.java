package org.lungscan.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.lungscan.platform.DataGrid;

/** This instance and the cluster it belongs to, as the administrator's status page shows them. */
@ApplicationScoped
public class InstanceStatus {

  @Inject DataGrid grid;

  public Status now() {
    Duration up = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
    return new Status(
        grid.instanceName().orElse(null),
        grid.isShared(),
        grid.members(),
        Instant.now().minus(up),
        up.toMinutes());
  }

  /**
   * @param instance this instance's name in the cluster, null when alone
   * @param clustered whether state is shared through the data grid
   * @param members the grid's members, this one first
   */
  public record Status(
      String instance,
      boolean clustered,
      List<String> members,
      Instant startedAt,
      long upMinutes) {}
}
