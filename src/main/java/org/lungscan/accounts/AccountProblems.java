package org.lungscan.accounts;

import jakarta.json.Json;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.lungscan.platform.Problem;

/** The API's answers to the refusals of accounts. */
public final class AccountProblems {

  private AccountProblems() {}

  /** 403, saying why. */
  @Provider
  public static class RefusedMapper implements ExceptionMapper<AccountRefused> {
    @Override
    public Response toResponse(AccountRefused e) {
      return Problem.of(Status.FORBIDDEN, e.getMessage()).toResponse().build();
    }
  }

  /** 401 with {@code mfa_required}, so that a client knows to ask for the code. */
  @Provider
  public static class SecondFactorMapper implements ExceptionMapper<SecondFactorRequired> {
    @Override
    public Response toResponse(SecondFactorRequired e) {
      return Response.status(Status.UNAUTHORIZED)
          .type(Problem.MEDIA_TYPE)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
          .entity(
              Json.createObjectBuilder()
                  .add("type", "about:blank")
                  .add("title", Status.UNAUTHORIZED.getReasonPhrase())
                  .add("status", 401)
                  .add("detail", e.getMessage())
                  .add("mfa_required", true)
                  .build()
                  .toString())
          .build();
    }
  }
}
