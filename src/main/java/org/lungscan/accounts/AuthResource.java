package org.lungscan.accounts;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.lungscan.platform.ClientAddress;
import org.lungscan.platform.Problem;

/** The JSON door to accounts: sign up, log in, and who am I. */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

  @Inject AccountService accounts;
  @Inject TokenIssuer tokens;
  @Inject CurrentDoctor currentDoctor;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest request;

  @POST
  @Path("signup")
  @PermitAll
  public Response signUp(NewAccount body) {
    Doctor doctor = accounts.signUp(body == null ? new NewAccount(null, null, null) : body);
    return Response.status(Response.Status.CREATED).entity(AccountResponse.of(doctor)).build();
  }

  @POST
  @Path("login")
  @PermitAll
  public Response logIn(LoginRequest body) {
    LoginRequest login = body == null ? new LoginRequest(null, null) : body;
    return accounts
        .signIn(login.email(), login.password(), clientAddress.of(request))
        .map(
            doctor -> {
              TokenIssuer.IssuedToken token = tokens.issueFor(doctor);
              return Response.ok(
                      new LoginResponse(
                          token.token(), "Bearer", token.expiresAt(), UserResponse.of(doctor)))
                  .build();
            })
        .orElseGet(
            () ->
                Problem.of(Response.Status.UNAUTHORIZED, "The email or password is not correct.")
                    .toResponse()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .build());
  }

  @GET
  @Path("me")
  @RolesAllowed("doctor")
  public UserResponse me() {
    return UserResponse.of(currentDoctor.get());
  }

  /** Body of {@code POST /api/auth/login}. */
  public record LoginRequest(String email, String password) {}

  /** A doctor's account as the API shows it. */
  public record UserResponse(long id, String name, String email, String role) {
    static UserResponse of(Doctor doctor) {
      return new UserResponse(doctor.getId(), doctor.getName(), doctor.getEmail(), roleOf(doctor));
    }
  }

  /** A newly created account. */
  public record AccountResponse(
      long id, String name, String email, String role, Instant createdAt) {
    static AccountResponse of(Doctor doctor) {
      return new AccountResponse(
          doctor.getId(),
          doctor.getName(),
          doctor.getEmail(),
          roleOf(doctor),
          doctor.getCreatedAt());
    }
  }

  /** A token for the API and who it is for. */
  public record LoginResponse(
      String token, String tokenType, Instant expiresAt, UserResponse user) {}

  private static String roleOf(Doctor doctor) {
    return doctor.isAdmin() ? "admin" : "doctor";
  }
}
