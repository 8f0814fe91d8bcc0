package org.lungscan.platform;

import java.util.Optional;

/**
 * The resource does not exist, or belongs to another doctor: the two look the same from outside.
 */
public class NotFound extends RuntimeException {

  private final String resource;

  public NotFound(String what) {
    super(what + " not found");
    this.resource = null;
  }

  /** A resource of this kind (as the audit trail names it, e.g. {@code lung_scan}) with this id. */
  public NotFound(String resource, long id) {
    super(inWords(resource) + " " + id + " not found");
    this.resource = resource;
  }

  /** What kind of thing was not found, when known: the pages name it in their message. */
  public Optional<String> resource() {
    return Optional.ofNullable(resource);
  }

  private static String inWords(String resource) {
    String words = resource.replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
