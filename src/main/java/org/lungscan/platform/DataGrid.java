package org.lungscan.platform;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Payara's data grid (Hazelcast), where state that must be one across a cluster lives: the maps it
 * hands out are shared by every instance. A server started without Hazelcast ({@code
 * --nohazelcast}) gets maps of its own memory instead, which is all one instance needs.
 */
@ApplicationScoped
public class DataGrid {

  private static final Logger LOG = Logger.getLogger(DataGrid.class.getName());
  private static final String JNDI_NAME = "payara/Hazelcast";
  // Payara's own names (fish.payara.nucleus.hazelcast.HazelcastCore, 6.2025.10)
  private static final String PAYARA_INSTANCES = "payara-instance-map";
  private static final String PAYARA_NAME = "GLASSFISH-INSTANCE";

  private HazelcastInstance hazelcast;
  private final Map<String, ConcurrentMap<String, String>> local = new ConcurrentHashMap<>();

  @PostConstruct
  void connect() {
    try {
      Object found = InitialContext.doLookup(JNDI_NAME);
      if (found instanceof HazelcastInstance instance
          && instance.getLifecycleService().isRunning()) {
        hazelcast = instance;
        LOG.info(
            () -> "Shared state is kept in the data grid of " + members().size() + " member(s)");
        return;
      }
    } catch (NamingException | RuntimeException | LinkageError noGrid) {
      LOG.fine(() -> "no data grid: " + noGrid);
    }
    LOG.info("No data grid (Hazelcast is off): shared state is kept in this instance's memory");
  }

  public boolean isShared() {
    return hazelcast != null;
  }

  /**
   * A map of text by text, shared by the cluster; an entry not written for {@code idle} is
   * forgotten (in the grid; callers prune their own local maps when they grow).
   */
  public ConcurrentMap<String, String> map(String name, Duration idle) {
    if (hazelcast == null) {
      return local.computeIfAbsent(name, n -> new ConcurrentHashMap<>());
    }
    String fullName = "lungscan-" + name;
    hazelcast
        .getConfig()
        .addMapConfig(
            new MapConfig(fullName)
                .setTimeToLiveSeconds((int) Math.min(Integer.MAX_VALUE, idle.toSeconds())));
    return hazelcast.getMap(fullName);
  }

  /** This instance's name in the cluster ({@code --name}), if it is in one. */
  public Optional<String> instanceName() {
    return Optional.ofNullable(hazelcast).map(h -> nameOf(h.getCluster().getLocalMember()));
  }

  /**
   * The name Payara gave the member ({@code --name}), which Payara keeps in the grid's map of its
   * instances' attributes, else the member's address.
   */
  private String nameOf(Member member) {
    Object attributes = hazelcast.getMap(PAYARA_INSTANCES).get(member.getUuid());
    if (attributes instanceof Map<?, ?> known && known.get(PAYARA_NAME) instanceof String name) {
      return name;
    }
    return member.getAddress().getHost() + ":" + member.getAddress().getPort();
  }

  /** The cluster's members as host:port, this instance's first; none without a grid. */
  public List<String> members() {
    if (hazelcast == null) {
      return List.of();
    }
    return hazelcast.getCluster().getMembers().stream()
        .sorted((a, b) -> Boolean.compare(b.localMember(), a.localMember()))
        .map(this::describe)
        .toList();
  }

  private String describe(Member member) {
    String address = member.getAddress().getHost() + ":" + member.getAddress().getPort();
    String name = nameOf(member);
    return name.equals(address) ? address : name + " (" + address + ")";
  }
}
