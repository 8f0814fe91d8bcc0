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

  private static final java.util.regex.Pattern REQUEST_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private String clientAddress;
  private String requestId;

  void remember(String address) {
    clientAddress = address == null || address.length() > MAX_ADDRESS_LENGTH ? null : address;
  }

  /** Keeps the balancer's request id when it is one (short, plain), else makes one. */
  void rememberRequestId(String given) {
    requestId =
        given != null && REQUEST_ID.matcher(given).matches()
            ? given
            : java.util.UUID.randomUUID().toString();
  }

  /** The request's id, as the load balancer gave it or as made for it; null outside a request. */
  public String requestId() {
    return requestId;
  }

  /** The client's IP address, when the request came over the network and it fits. */
  public Optional<String> clientAddress() {
    return Optional.ofNullable(clientAddress);
  }
}
