package org.lungscan.platform;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIForm;
import jakarta.faces.component.visit.VisitContext;
import jakarta.faces.component.visit.VisitResult;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.ExceptionQueuedEventContext;
import jakarta.faces.event.PhaseId;
import jakarta.validation.ConstraintViolationException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pages' one answer to a refused action: a broken rule (Bean Validation's or {@link Invalid})
 * is shown beside its field in the form that was sent, or at the top of the page when the form has
 * no such field; {@link Conflict}, {@link NotFound}, {@link Unavailable}, {@link TooLarge}, {@link
 * TooManyAttempts} and {@link Damaged} become messages too, and the page stays where it was. Views
 * do not catch these. Anything else goes on to the wrapped handler (the error page, or PrimeFaces'
 * dialog).
 */
public class PageExceptionHandler extends ExceptionHandlerWrapper {

  public PageExceptionHandler(ExceptionHandler wrapped) {
    super(wrapped);
  }

  @Override
  public void handle() {
    FacesContext faces = FacesContext.getCurrentInstance();
    Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
    while (events.hasNext()) {
      ExceptionQueuedEventContext event = events.next().getContext();
      if (event.getPhaseId() != PhaseId.RENDER_RESPONSE && shown(faces, event.getException())) {
        events.remove();
        faces.validationFailed();
        faces.renderResponse();
      }
    }
    getWrapped().handle();
  }

  /** Shows the first refusal found among the causes; false when there is none. */
  private static boolean shown(FacesContext faces, Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConstraintViolationException violations) {
        showBrokenRules(faces, Invalid.from(violations));
      } else if (cause instanceof Invalid invalid) {
        showBrokenRules(faces, invalid);
      } else if (cause instanceof Conflict conflict) {
        String beside = conflict.field().flatMap(field -> inputOf(faces, field)).orElse(null);
        PageMessages.show(beside, FacesMessage.SEVERITY_ERROR, conflict.getMessage());
      } else if (cause instanceof NotFound notFound) {
        PageMessages.show(null, FacesMessage.SEVERITY_WARN, textOf(notFound));
      } else if (cause instanceof Unavailable unavailable) {
        PageMessages.error("error.unavailable", unavailable.getMessage());
      } else if (cause instanceof TooLarge
          || cause instanceof TooManyAttempts
          || cause instanceof Damaged) {
        PageMessages.show(null, FacesMessage.SEVERITY_ERROR, cause.getMessage());
      } else {
        continue;
      }
      return true;
    }
    return false;
  }

  private static void showBrokenRules(FacesContext faces, Invalid invalid) {
    for (Invalid.FieldError error : invalid.errors()) {
      Optional<String> clientId = inputOf(faces, error.field());
      String message = error.message();
      boolean sentence = !message.isEmpty() && Character.isUpperCase(message.charAt(0));
      String text =
          clientId.isEmpty() && sentence
              ? message
              : PageMessages.text("error.field", label(error.field()), message);
      PageMessages.show(clientId.orElse(null), FacesMessage.SEVERITY_ERROR, text);
    }
  }

  private static String textOf(NotFound notFound) {
    return notFound
        .resource()
        .flatMap(resource -> PageMessages.optionalText("error.notFound." + resource))
        .orElseGet(() -> PageMessages.text("error.notFound"));
  }

  /** A field's name on the pages: the bundle's {@code field.<name>}, else the name itself. */
  private static String label(String field) {
    return PageMessages.optionalText("field." + field)
        .orElseGet(
            () ->
                field.substring(0, 1).toUpperCase(Locale.ROOT)
                    + field.substring(1).replace('_', ' '));
  }

  /** The client id of the input named like the field in the form that was sent, if there is one. */
  private static Optional<String> inputOf(FacesContext faces, String field) {
    return sentForm(faces)
        .map(form -> form.findComponent(camelCase(field)))
        .map(input -> input.getClientId(faces));
  }

  /** The form whose fields came with this request: it sends its own client id as a parameter. */
  private static Optional<UIForm> sentForm(FacesContext faces) {
    if (faces.getViewRoot() == null) {
      return Optional.empty();
    }
    Map<String, String> parameters = faces.getExternalContext().getRequestParameterMap();
    AtomicReference<UIForm> sent = new AtomicReference<>();
    faces
        .getViewRoot()
        .visitTree(
            VisitContext.createVisitContext(faces),
            (context, component) -> {
              if (component instanceof UIForm form
                  && parameters.containsKey(form.getClientId(faces))) {
                sent.set(form);
                return VisitResult.COMPLETE;
              }
              return VisitResult.ACCEPT;
            });
    return Optional.ofNullable(sent.get());
  }

  private static String camelCase(String field) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : field.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }
}
