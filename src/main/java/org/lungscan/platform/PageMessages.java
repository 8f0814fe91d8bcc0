package org.lungscan.platform;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.text.MessageFormat;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The pages' words, from the one message bundle ({@code org/lungscan/platform/messages.properties},
 * {@code #{msg['key']}} in the pages), and the messages the pages show. A text with {@code {0}}
 * placeholders is a {@link MessageFormat} pattern.
 */
public final class PageMessages {

  /** The bundle's name in faces-config.xml and in the pages. */
  static final String BUNDLE = "msg";

  private PageMessages() {}

  public static String text(String key, Object... args) {
    ResourceBundle bundle = bundle();
    String pattern = bundle.getString(key);
    return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
  }

  /** The text under this key, if the bundle has one. */
  public static Optional<String> optionalText(String key) {
    ResourceBundle bundle = bundle();
    return bundle.containsKey(key) ? Optional.of(bundle.getString(key)) : Optional.empty();
  }

  public static void info(String key, Object... args) {
    show(null, FacesMessage.SEVERITY_INFO, text(key, args));
  }

  public static void warn(String key, Object... args) {
    show(null, FacesMessage.SEVERITY_WARN, text(key, args));
  }

  public static void error(String key, Object... args) {
    show(null, FacesMessage.SEVERITY_ERROR, text(key, args));
  }

  /** Shows a text beside a field (its client id), or at the top of the page (null). */
  static void show(String clientId, FacesMessage.Severity severity, String text) {
    FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, text, null));
  }

  private static ResourceBundle bundle() {
    FacesContext faces = FacesContext.getCurrentInstance();
    return faces.getApplication().getResourceBundle(faces, BUNDLE);
  }
}
