package org.lungscan.accounts;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.ClientAddress;
import org.lungscan.platform.Problem;

/** The JSON door to accounts: sign up, log in and out, who am I, password, two-factor sign-in. */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts", description = "Sign-up, sign-in, the signed-in doctor's account")
public class AuthResource {

  private static final String PROBLEM = "application/problem+json";

  @Inject AccountService accounts;
  @Inject SecondFactor secondFactor;
  @Inject TokenIssuer tokens;
  @Inject CurrentDoctor currentDoctor;
  @Inject ClientAddress clientAddress;
  @Context HttpServletRequest request;

  @POST
  @Path("signup")
  @PermitAll
  @SecurityRequirementsSet
  @Operation(operationId = "signUp", summary = "Create an account")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "doctor",
                      value =
                          "{\"name\": \"Dr. Ada Byron\", \"email\": \"ada@hospital.example\","
                              + " \"password\": \"correct horse battery staple\"}")))
  @APIResponse(
      responseCode = "201",
      description = "The account, ACTIVE or PENDING (waiting for an administrator's approval)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "NewAccountResponse")))
  @APIResponse(
      responseCode = "400",
      description = "A field breaks its rule",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "403",
      description = "Sign-up is closed",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "409",
      description = "The email is registered already",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response signUp(NewAccount body) {
    Doctor doctor = accounts.signUp(body == null ? new NewAccount(null, null, null) : body);
    return Response.status(Response.Status.CREATED).entity(AccountResponse.of(doctor)).build();
  }

  @POST
  @Path("login")
  @PermitAll
  @SecurityRequirementsSet
  @Operation(operationId = "logIn", summary = "Exchange email, password and code for a token")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "with two-factor code",
                      value =
                          "{\"email\": \"ada@hospital.example\","
                              + " \"password\": \"correct horse battery staple\", \"otp\": \"492039\"}")))
  @APIResponse(
      responseCode = "200",
      description = "A bearer token and whose it is",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "LoginResponse")))
  @APIResponse(
      responseCode = "401",
      description =
          "Wrong email or password; or, with mfa_required: true, a missing or wrong two-factor code",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "403",
      description = "The password is right but the account is pending approval or disabled",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "429",
      description = "Too many failed attempts: try again after Retry-After seconds",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response logIn(LoginRequest body) {
    LoginRequest login = body == null ? new LoginRequest(null, null, null) : body;
    return accounts
        .signIn(login.email(), login.password(), login.otp(), clientAddress.of(request))
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
  @Operation(operationId = "whoAmI", summary = "The signed-in doctor's account")
  @APIResponse(
      responseCode = "200",
      description = "The account",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UserResponse")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public UserResponse me() {
    return UserResponse.of(currentDoctor.get());
  }

  @POST
  @Path("logout")
  @RolesAllowed("doctor")
  @Operation(operationId = "logOut", summary = "End the token presented, on every instance")
  @APIResponse(responseCode = "204", description = "The token no longer works")
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response logOut() {
    PresentedToken token = presented();
    accounts.logOut(currentDoctor.get(), token.tokenId(), token.expiresAt());
    return Response.noContent().build();
  }

  @POST
  @Path("logout-all")
  @RolesAllowed("doctor")
  @Operation(
      operationId = "logOutEverywhere",
      summary = "End every token and page session of the signed-in doctor")
  @APIResponse(responseCode = "204", description = "Every token and page session has ended")
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response logOutEverywhere() {
    accounts.logOutEverywhere(currentDoctor.get());
    return Response.noContent().build();
  }

  @PUT
  @Path("password")
  @RolesAllowed("doctor")
  @Operation(
      operationId = "changePassword",
      summary = "Change the password; every other token and page session ends")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      name = "change",
                      value =
                          "{\"current_password\": \"correct horse battery staple\","
                              + " \"new_password\": \"a new and longer passphrase\"}")))
  @APIResponse(
      responseCode = "204",
      description = "Changed; the token presented keeps working, every other one ends")
  @APIResponse(
      responseCode = "400",
      description = "new_password breaks the policy, or current_password is wrong",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response changePassword(PasswordChange body) {
    PasswordChange change = body == null ? new PasswordChange(null, null) : body;
    accounts.changePassword(
        currentDoctor.id(), change.currentPassword(), change.newPassword(), presented().tokenId());
    return Response.noContent().build();
  }

  @POST
  @Path("mfa")
  @RolesAllowed("doctor")
  @Operation(
      operationId = "startTwoFactor",
      summary = "A new two-factor secret, in force once a code of it is confirmed")
  @APIResponse(
      responseCode = "200",
      description = "The secret (base32) and its otpauth URI",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "TwoFactorSetup")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "409",
      description = "Two-factor sign-in is on already",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public SecondFactor.Setup startTwoFactor() {
    return secondFactor.begin(currentDoctor.id());
  }

  @POST
  @Path("mfa/confirm")
  @RolesAllowed("doctor")
  @Operation(operationId = "confirmTwoFactor", summary = "Turn two-factor sign-in on with a code")
  @RequestBody(
      content = @Content(examples = @ExampleObject(name = "code", value = "{\"otp\": \"492039\"}")))
  @APIResponse(responseCode = "204", description = "Two-factor sign-in is on")
  @APIResponse(
      responseCode = "400",
      description = "The code is wrong, used already, or no set-up was started",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response confirmTwoFactor(Code body) {
    secondFactor.confirm(currentDoctor.id(), body == null ? null : body.otp());
    return Response.noContent().build();
  }

  @DELETE
  @Path("mfa")
  @RolesAllowed("doctor")
  @Operation(operationId = "stopTwoFactor", summary = "Turn two-factor sign-in off with a code")
  @RequestBody(
      content = @Content(examples = @ExampleObject(name = "code", value = "{\"otp\": \"492039\"}")))
  @APIResponse(responseCode = "204", description = "Two-factor sign-in is off")
  @APIResponse(
      responseCode = "400",
      description = "The code is wrong or used already",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response stopTwoFactor(
      @Parameter(description = "The code, where a server or proxy refuses a body on DELETE")
          @QueryParam("otp")
          String otpParameter,
      Code body) {
    secondFactor.turnOff(
        currentDoctor.id(), body != null && body.otp() != null ? body.otp() : otpParameter);
    return Response.noContent().build();
  }

  private PresentedToken presented() {
    return (PresentedToken) request.getAttribute(PresentedToken.ATTRIBUTE);
  }

  /** Body of {@code POST /api/auth/login}. */
  public record LoginRequest(String email, String password, String otp) {}

  /** Body of {@code PUT /api/auth/password}. */
  public record PasswordChange(String currentPassword, String newPassword) {}

  /** A two-factor code. */
  public record Code(String otp) {}

  /** A doctor's account as the API shows it. */
  @Schema(name = "UserResponse")
  public record UserResponse(
      @Schema(format = "int64") long id,
      String name,
      String email,
      String role,
      AccountStatus status,
      boolean mfaEnabled,
      boolean passwordChangeRequired) {
    static UserResponse of(Doctor doctor) {
      return new UserResponse(
          doctor.getId(),
          doctor.getName(),
          doctor.getEmail(),
          doctor.getRole().apiName(),
          doctor.getStatus(),
          doctor.isMfaEnabled(),
          doctor.isPasswordChangeRequired());
    }
  }

  /** A newly created account. */
  @Schema(name = "NewAccountResponse")
  public record AccountResponse(
      @Schema(format = "int64") long id,
      String name,
      String email,
      String role,
      AccountStatus status,
      Instant createdAt) {
    static AccountResponse of(Doctor doctor) {
      return new AccountResponse(
          doctor.getId(),
          doctor.getName(),
          doctor.getEmail(),
          doctor.getRole().apiName(),
          doctor.getStatus(),
          doctor.getCreatedAt());
    }
  }

  /** A token and who it is for. */
  @Schema(name = "LoginResponse")
  public record LoginResponse(
      String token, String tokenType, Instant expiresAt, UserResponse user) {}
}
