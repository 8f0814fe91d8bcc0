package org.lungscan.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address of the client a request comes from, the one place that decides it (sign-in throttling
 * and the audit trail both ask here). Behind the hospital's reverse proxy every request arrives
 * from the proxy, and only the proxy's {@code X-Forwarded-For} says who the client is; that header
 * is believed only from the proxies listed in {@code lungscan.http.trusted-proxies} (addresses or
 * CIDR ranges, none by default), since any client can write it.
 */
@ApplicationScoped
public class ClientAddress {

  private static final Logger LOG = Logger.getLogger(ClientAddress.class.getName());
  private static final int IPV6_SUBSCRIBER_BYTES = 8;

  @Inject
  @ConfigProperty(name = "lungscan.http.trusted-proxies")
  Optional<String> trustedProxies;

  private TrustedProxies trusted = TrustedProxies.none();

  /** Reads the setting when the application starts, so that a mistake in it shows at once. */
  void readTrustedProxies(@Observes @Initialized(ApplicationScoped.class) Object started) {
    trusted = TrustedProxies.parse(List.of(trustedProxies.orElse("").split(",")));
    if (!trusted.invalid().isEmpty()) {
      LOG.severe(
          "lungscan.http.trusted-proxies: not an address or a CIDR range, so not trusted: "
              + trusted.invalid());
    }
  }

  /** The real client's address of this request, as text (e.g. {@code 192.0.2.7}). */
  public String of(HttpServletRequest request) {
    return trusted.clientOf(
        request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
  }

  /**
   * The part of a client's address that stands for one client when counting what it does: a whole
   * IPv4 address, but only the /64 prefix of an IPv6 address, since one subscriber usually holds a
   * whole /64 and may pick any address in it.
   */
  public static String networkOf(String address) {
    Optional<InetAddress> parsed = TrustedProxies.literal(address);
    if (parsed.isEmpty() || parsed.get().getAddress().length <= IPV6_SUBSCRIBER_BYTES) {
      return address;
    }
    byte[] network = Arrays.copyOf(parsed.get().getAddress(), 16);
    Arrays.fill(network, IPV6_SUBSCRIBER_BYTES, network.length, (byte) 0);
    try {
      return TrustedProxies.text(InetAddress.getByAddress(network)) + "/64";
    } catch (java.net.UnknownHostException impossibleForSixteenBytes) {
      return address;
    }
  }
}
