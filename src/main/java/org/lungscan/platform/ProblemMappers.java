package org.lungscan.platform;

import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns each family of errors into a problem response, one mapper per family. */
public final class ProblemMappers {

  private ProblemMappers() {}

  @Provider
  public static class NotFoundMapper implements ExceptionMapper<NotFound> {
    @Override
    public Response toResponse(NotFound e) {
      return Problem.of(Status.NOT_FOUND, e.getMessage()).toResponse().build();
    }
  }

  @Provider
  public static class InvalidMapper implements ExceptionMapper<Invalid> {
    @Override
    public Response toResponse(Invalid e) {
      Problem problem = new Problem("about:blank", "Bad Request", 400, e.getMessage(), e.errors());
      return problem.toResponse().build();
    }
  }

  /**
   * Bean Validation's verdict on a request record or a service's parameters: as {@link Invalid}.
   */
  @Provider
  public static class ConstraintViolationMapper
      implements ExceptionMapper<ConstraintViolationException> {
    @Override
    public Response toResponse(ConstraintViolationException e) {
      return new InvalidMapper().toResponse(Invalid.from(e));
    }
  }

  @Provider
  public static class ConflictMapper implements ExceptionMapper<Conflict> {
    @Override
    public Response toResponse(Conflict e) {
      return Problem.of(Status.CONFLICT, e.getMessage()).toResponse().build();
    }
  }

  @Provider
  public static class TooLargeMapper implements ExceptionMapper<TooLarge> {
    @Override
    public Response toResponse(TooLarge e) {
      return Problem.of(
              Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(), "Content Too Large", e.getMessage())
          .toResponse()
          .build();
    }
  }

  @Provider
  public static class TooManyAttemptsMapper implements ExceptionMapper<TooManyAttempts> {
    @Override
    public Response toResponse(TooManyAttempts e) {
      return Problem.of(Status.TOO_MANY_REQUESTS, e.getMessage())
          .toResponse()
          .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
          .build();
    }
  }

  @Provider
  public static class UnavailableMapper implements ExceptionMapper<Unavailable> {
    @Override
    public Response toResponse(Unavailable e) {
      var response = Problem.of(Status.SERVICE_UNAVAILABLE, e.getMessage()).toResponse();
      e.retryAfter()
          .ifPresent(
              after -> response.header(HttpHeaders.RETRY_AFTER, Math.max(1, after.toSeconds())));
      return response.build();
    }
  }

  /**
   * Kept data found damaged: 500, as it is the server's fault and the client can do nothing about
   * it but report it, with a problem type of its own so that a client can tell it from a crash.
   */
  @Provider
  public static class DamagedMapper implements ExceptionMapper<Damaged> {
    static final String TYPE = "urn:lungscan:problem:stored-data-damaged";

    @Override
    public Response toResponse(Damaged e) {
      return new Problem(
              TYPE,
              "Stored Data Damaged",
              Status.INTERNAL_SERVER_ERROR.getStatusCode(),
              e.getMessage(),
              null)
          .toResponse()
          .build();
    }
  }

  /** A body that is not the JSON it should be. */
  @Provider
  public static class UnreadableBodyMapper implements ExceptionMapper<JsonbException> {
    @Override
    public Response toResponse(JsonbException e) {
      return Problem.of(
              Status.BAD_REQUEST, "The request body is not valid JSON of the expected shape.")
          .toResponse()
          .build();
    }
  }

  /** A body JSON-B could not read at all. */
  @Provider
  public static class UnreadableEntityMapper
      implements ExceptionMapper<jakarta.ws.rs.ProcessingException> {
    @Override
    public Response toResponse(jakarta.ws.rs.ProcessingException e) {
      return Problem.of(
              Status.BAD_REQUEST, "The request body is not valid JSON of the expected shape.")
          .toResponse()
          .build();
    }
  }

  /** JAX-RS's own errors (unknown path, wrong method, unsupported type) keep their status. */
  @Provider
  public static class WebApplicationMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (e.getCause() instanceof JsonbException || status == 400) {
        return Problem.of(
                Status.BAD_REQUEST, "The request body is not valid JSON of the expected shape.")
            .toResponse()
            .build();
      }
      String title =
          Status.fromStatusCode(status) == null
              ? "Error"
              : Status.fromStatusCode(status).getReasonPhrase();
      var response = Problem.of(status, title, title + ".").toResponse();
      e.getResponse()
          .getHeaders()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                  values.forEach(value -> response.header(name, value));
                }
              });
      return response.build();
    }
  }

  /** Anything else is our fault: log it here, tell the client nothing about its insides. */
  @Provider
  public static class UnexpectedMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
      LOG.log(Level.SEVERE, "Unexpected error while serving an API request", e);
      return Problem.of(
              Status.INTERNAL_SERVER_ERROR,
              "Something went wrong on the server. It has been logged.")
          .toResponse()
          .build();
    }
  }
}
