package org.lungscan.platform;

import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * Where the current request came from, as the network saw it, for services that record it (the
 * audit trail) without knowing the door or the servlet request. Filled by {@link
 * RequestOriginFilter} before any door runs.
 */
@RequestScoped
public class RequestOrigin {

  /** The longest textual IP address (IPv6 with an embedded IPv4 part). */
  static final int MAX_ADDRESS_LENGTH = 45;

  private String clientAddress;

  void remember(String address) {
    clientAddress = address == null || address.length() > MAX_ADDRESS_LENGTH ? null : address;
  }

  /** The client's IP address, when the request came over the network and it fits. */
  public Optional<String> clientAddress() {
    return Optional.ofNullable(clientAddress);
  }
}
