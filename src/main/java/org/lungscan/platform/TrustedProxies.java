package org.lungscan.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} is believed, as addresses or CIDR ranges, and how the
 * real client is read from that header: from the right, past every trusted proxy, to the first
 * address a trusted proxy vouches for. Whatever a client wrote further left is ignored.
 */
final class TrustedProxies {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

  private final List<Range> ranges;
  private final List<String> invalid;

  private TrustedProxies(List<Range> ranges, List<String> invalid) {
    this.ranges = List.copyOf(ranges);
    this.invalid = List.copyOf(invalid);
  }

  static TrustedProxies none() {
    return new TrustedProxies(List.of(), List.of());
  }

  /** Reads entries like {@code 10.0.0.5}, {@code 10.1.0.0/16} or {@code fd00::/8}. */
  static TrustedProxies parse(Collection<String> entries) {
    List<Range> ranges = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (String entry : entries) {
      if (!entry.isBlank()) {
        Range.parse(entry.strip()).ifPresentOrElse(ranges::add, () -> invalid.add(entry.strip()));
      }
    }
    return new TrustedProxies(ranges, invalid);
  }

  /** Entries that are not an address or a range: trusting nothing for them is the safe side. */
  List<String> invalid() {
    return invalid;
  }

  /**
   * The client of a request that arrived from {@code remoteAddress} carrying these {@code
   * X-Forwarded-For} values (one per header line, each a comma-separated list).
   */
  String clientOf(String remoteAddress, List<String> forwardedFor) {
    Optional<InetAddress> remote = literal(remoteAddress);
    if (remote.isEmpty()) {
      return remoteAddress;
    }
    InetAddress client = remote.get();
    List<String> hops = hops(forwardedFor);
    for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
      Optional<InetAddress> previous = literal(hops.get(i));
      if (previous.isEmpty()) {
        break;
      }
      client = previous.get();
    }
    return text(client);
  }

  private boolean isTrusted(InetAddress address) {
    return ranges.stream().anyMatch(range -> range.contains(address));
  }

  private static List<String> hops(List<String> forwardedFor) {
    List<String> hops = new ArrayList<>();
    for (String line : forwardedFor) {
      for (String hop : line.split(",")) {
        hops.add(withoutPort(hop.strip()));
      }
    }
    return hops;
  }

  /** {@code 192.0.2.1:4711} and {@code [2001:db8::1]:4711} name the address with a port. */
  private static String withoutPort(String hop) {
    if (hop.startsWith("[") && hop.indexOf(']') > 0) {
      return hop.substring(1, hop.indexOf(']'));
    }
    int colon = hop.indexOf(':');
    return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
  }

  /**
   * An IP address written as such, never a host name: nothing here may cause a DNS lookup.
   * IPv4-mapped IPv6 addresses come back as IPv4.
   */
  static Optional<InetAddress> literal(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String address = text.indexOf('%') > 0 ? text.substring(0, text.indexOf('%')) : text;
    if (!isIpv4(address) && !IPV6.matcher(address).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(address));
    } catch (UnknownHostException notAnAddress) {
      return Optional.empty();
    }
  }

  /** Checked here, since Java looks up {@code 999.1.1.1} as a host name. */
  private static boolean isIpv4(String text) {
    return IPV4.matcher(text).matches()
        && Arrays.stream(text.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
  }

  /** The usual text of an address: dotted IPv4, full-length IPv6 without a zone. */
  static String text(InetAddress address) {
    return address.getHostAddress();
  }

  /** An address and how many of its leading bits a trusted address shares with it. */
  record Range(byte[] network, int prefixBits) {

    static Optional<Range> parse(String entry) {
      int slash = entry.indexOf('/');
      Optional<InetAddress> address = literal(slash < 0 ? entry : entry.substring(0, slash));
      if (address.isEmpty()) {
        return Optional.empty();
      }
      byte[] bytes = address.get().getAddress();
      int bits = bytes.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException notANumber) {
          return Optional.empty();
        }
        if (bits < 0 || bits > bytes.length * 8) {
          return Optional.empty();
        }
      }
      return Optional.of(new Range(bytes, bits));
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefixBits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
