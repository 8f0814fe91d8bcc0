package org.lungscan.accounts;

import java.time.Instant;

/**
 * The bearer token of this API request, once the server verified it: whose, which, of which session
 * version, until when. The sign-in mechanism leaves it as a request attribute.
 */
public record PresentedToken(long doctorId, String tokenId, int version, Instant expiresAt) {

  public static final String ATTRIBUTE = "lungscan.presentedToken";
}
