package org.lungscan.predictions.heatmap;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lungscan.predictions.inference.HeatmapGrid;

/**
 * Heatmaps already computed, per scan, model name and version, and label: in memory, the least
 * recently used dropped beyond {@code lungscan.heatmap.cache-entries} (a grid is at most 256
 * numbers). Scan ids are never reused, so a deleted scan's entries are never served again; they age
 * out.
 */
@ApplicationScoped
public class HeatmapCache {

  record Key(long scanId, String modelName, String modelVersion, String label) {}

  @Inject
  @ConfigProperty(name = "lungscan.heatmap.cache-entries")
  int capacity;

  private Map<Key, HeatmapGrid> grids;

  @PostConstruct
  void create() {
    grids =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, HeatmapGrid> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized Optional<HeatmapGrid> get(Key key) {
    return Optional.ofNullable(grids.get(key));
  }

  synchronized void put(Key key, HeatmapGrid grid) {
    grids.put(key, grid);
  }
}
