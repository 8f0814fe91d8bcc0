package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  private static final TrustedProxies HOSPITAL_PROXY =
      TrustedProxies.parse(List.of("10.0.0.5", "172.16.0.0/12", "fd00::/8"));

  @Test
  void withoutTrustedProxiesTheForwardedHeaderIsIgnored() {
    TrustedProxies none = TrustedProxies.parse(List.of());
    assertEquals("192.0.2.7", none.clientOf("192.0.2.7", List.of("203.0.113.1")));
    assertEquals("10.0.0.5", none.clientOf("10.0.0.5", List.of("203.0.113.1")));
  }

  @Test
  void aClientThatIsNoTrustedProxyCannotNameAnotherAddress() {
    assertEquals("192.0.2.7", HOSPITAL_PROXY.clientOf("192.0.2.7", List.of("203.0.113.1")));
    assertEquals("10.0.0.6", HOSPITAL_PROXY.clientOf("10.0.0.6", List.of("10.0.0.5")));
  }

  @Test
  void theTrustedProxyNamesTheClientItServed() {
    assertEquals("203.0.113.1", HOSPITAL_PROXY.clientOf("10.0.0.5", List.of("203.0.113.1")));
    assertEquals("10.0.0.5", HOSPITAL_PROXY.clientOf("10.0.0.5", List.of()), "no header");
  }

  @Test
  void whatTheClientWroteLeftOfWhatTheProxyAddedIsIgnored() {
    assertEquals(
        "203.0.113.1",
        HOSPITAL_PROXY.clientOf("10.0.0.5", List.of("198.51.100.66, 203.0.113.1")),
        "the client sent X-Forwarded-For: 198.51.100.66, the proxy appended the real one");
    assertEquals(
        "203.0.113.1",
        HOSPITAL_PROXY.clientOf("10.0.0.5", List.of("198.51.100.66", "203.0.113.1")),
        "the same over two header lines");
  }

  @Test
  void aChainOfTrustedProxiesIsFollowedToTheFirstUntrustedAddress() {
    assertEquals(
        "203.0.113.1",
        HOSPITAL_PROXY.clientOf("10.0.0.5", List.of("198.51.100.66, 203.0.113.1, 172.20.1.1")));
    assertEquals(
        "172.20.1.1",
        HOSPITAL_PROXY.clientOf("10.0.0.5", List.of("172.20.1.1")),
        "a request from inside the chain is that proxy's own");
  }

  @Test
  void somethingThatIsNoAddressEndsTheChainWithoutALookup() {
    assertEquals("10.0.0.5", HOSPITAL_PROXY.clientOf("10.0.0.5", List.of("unknown")));
    assertEquals("10.0.0.5", HOSPITAL_PROXY.clientOf("10.0.0.5", List.of("attacker.example")));
    assertEquals("10.0.0.5", HOSPITAL_PROXY.clientOf("10.0.0.5", List.of("999.1.1.1")));
    assertEquals("10.0.0.5", HOSPITAL_PROXY.clientOf("10.0.0.5", List.of("203.0.113.1, _hidden")));
  }

  @Test
  void portsAndIpv6FormsAreUnderstood() {
    assertEquals("203.0.113.1", HOSPITAL_PROXY.clientOf("10.0.0.5", List.of("203.0.113.1:51234")));
    assertEquals(
        "2001:db8:0:0:0:0:0:1", HOSPITAL_PROXY.clientOf("10.0.0.5", List.of("[2001:db8::1]:443")));
    assertEquals(
        "2001:db8:0:0:0:0:0:1", HOSPITAL_PROXY.clientOf("fd00::1", List.of("2001:db8::1")));
    assertEquals(
        "203.0.113.1",
        HOSPITAL_PROXY.clientOf("::ffff:10.0.0.5", List.of("203.0.113.1")),
        "an IPv4 proxy seen through an IPv6 socket");
  }

  @Test
  void rangesMatchTheirPrefixOnly() {
    TrustedProxies range = TrustedProxies.parse(List.of("172.16.0.0/12"));
    assertEquals("1.2.3.4", range.clientOf("172.31.255.255", List.of("1.2.3.4")));
    assertEquals("172.32.0.1", range.clientOf("172.32.0.1", List.of("1.2.3.4")));
    TrustedProxies everyone = TrustedProxies.parse(List.of("0.0.0.0/0"));
    assertEquals("1.2.3.4", everyone.clientOf("8.8.8.8", List.of("1.2.3.4")));
  }

  @Test
  void entriesThatAreNoAddressOrRangeAreReportedAndTrustNothing() {
    TrustedProxies parsed =
        TrustedProxies.parse(
            List.of("proxy.hospital.example", "10.0.0.0/33", "10.0.0.1/x", "", " 10.0.0.5 "));
    assertEquals(List.of("proxy.hospital.example", "10.0.0.0/33", "10.0.0.1/x"), parsed.invalid());
    assertEquals("1.2.3.4", parsed.clientOf("10.0.0.5", List.of("1.2.3.4")), "the valid one");
    assertEquals("10.0.0.1", parsed.clientOf("10.0.0.1", List.of("1.2.3.4")));
  }

  @Test
  void anIpv6ClientCountsByItsSlash64AndAnIpv4ClientByItsAddress() {
    assertEquals("192.0.2.7", ClientAddress.networkOf("192.0.2.7"));
    assertEquals(
        ClientAddress.networkOf("2001:db8:1:2:aaaa::1"),
        ClientAddress.networkOf("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    assertTrue(
        !ClientAddress.networkOf("2001:db8:1:2::1")
            .equals(ClientAddress.networkOf("2001:db8:1:3::1")));
    assertEquals("2001:db8:1:2:0:0:0:0/64", ClientAddress.networkOf("2001:db8:1:2::1"));
    assertEquals("unknown-host", ClientAddress.networkOf("unknown-host"));
  }
}
