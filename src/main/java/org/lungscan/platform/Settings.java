package org.lungscan.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings read before MicroProfile Config can be asked (by the server's data source, by config
 * sources): a system property {@code lungscan.x.y}, else the environment variable {@code
 * LUNGSCAN_X_Y}, the same names MicroProfile Config accepts.
 */
public final class Settings {

  private Settings() {}

  public static Optional<String> get(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      value = System.getenv(name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
    }
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  public static Path dataDirectory() {
    return Path.of(get("lungscan.data.dir").orElse("./data")).toAbsolutePath().normalize();
  }
}
