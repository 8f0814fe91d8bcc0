package org.lungscan.platform;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Names and flags the page session's cookie as the application starts. Served only over HTTPS
 * ({@code lungscan.session.https-only}), it is {@code __Host-LUNGSCAN_SESSION} and always {@code
 * Secure}: no plain-HTTP page and no other host of the domain can set or read it. Otherwise it is
 * {@code LUNGSCAN_SESSION}, {@code Secure} whenever the request is (glassfish-web.xml's {@code
 * cookieSecure} is dynamic: TLS at Payara, or a proxy's {@code X-Forwarded-Proto} when the listener
 * maps it). Payara finds the session by its cookie's name before any application code runs, so the
 * name is chosen once, not per request.
 */
@WebListener
public class SessionCookie implements ServletContextListener {

  static final String NAME = "LUNGSCAN_SESSION";
  static final String HOST_PREFIX = "__Host-";

  /** What the cookie is called, and whether it is Secure even on a plain-HTTP request. */
  record Rule(String name, boolean alwaysSecure) {}

  static Rule ruleFor(boolean httpsOnly) {
    return httpsOnly ? new Rule(HOST_PREFIX + NAME, true) : new Rule(NAME, false);
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    boolean httpsOnly =
        ConfigProvider.getConfig().getValue("lungscan.session.https-only", Boolean.class);
    Rule rule = ruleFor(httpsOnly);
    SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
    cookie.setName(rule.name());
    if (rule.alwaysSecure()) {
      cookie.setSecure(true);
      cookie.setPath("/");
    }
  }
}
