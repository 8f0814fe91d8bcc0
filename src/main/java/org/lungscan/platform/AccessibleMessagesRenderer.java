package org.lungscan.platform;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ResponseWriter;
import jakarta.faces.context.ResponseWriterWrapper;
import java.io.IOException;
import org.primefaces.component.messages.Messages;
import org.primefaces.component.messages.MessagesRenderer;

/**
 * PrimeFaces' messages without {@code role="alert"} on each list item: a list may hold only list
 * items (WCAG 1.3.1, axe's {@code list} rule), and the messages' container is already a live region
 * that screen readers announce.
 */
public class AccessibleMessagesRenderer extends MessagesRenderer {

  @Override
  protected void encodeMessage(
      ResponseWriter writer,
      Messages messages,
      FacesMessage message,
      String severity,
      boolean escape)
      throws IOException {
    super.encodeMessage(new WithoutAlertRole(writer), messages, message, severity, escape);
  }

  private static final class WithoutAlertRole extends ResponseWriterWrapper {

    WithoutAlertRole(ResponseWriter writer) {
      super(writer);
    }

    @Override
    public void writeAttribute(String name, Object value, String property) throws IOException {
      if (!name.equals("role")) {
        super.writeAttribute(name, value, property);
      }
    }
  }
}
