package org.lungscan.accounts;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.OpenApiDocument;
import org.lungscan.platform.PageRequest;

/** The JSON door to the administration of accounts, for administrators only. */
@Path("admin/doctors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
@Tag(name = "Administration", description = "Accounts, for administrators")
public class AdminDoctorsResource {

  private static final String PROBLEM = "application/problem+json";

  @Inject AccountAdministration administration;

  @GET
  @Operation(
      operationId = "listDoctors",
      summary = "Accounts by name, filtered by status and by part of the name or email")
  @APIResponse(
      responseCode = "200",
      description = "A page of accounts",
      headers =
          @Header(
              name = "X-Total-Count",
              description = "How many accounts match in all",
              schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(ref = "DoctorAccount"),
              extensions = @Extension(name = OpenApiDocument.LIST, value = "true")))
  @APIResponse(
      responseCode = "400",
      description = "Unknown status, or paging out of range",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "401",
      description = "No valid token",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public Response list(
      @QueryParam("status") String status,
      @QueryParam("query") String query,
      @QueryParam("page") String page,
      @QueryParam("size") String size) {
    PageRequest paging = PageRequest.of(page, size);
    if (query != null && query.length() > 254) {
      throw new Invalid("query", "must be at most 254 characters");
    }
    AccountAdministration.AccountPage accounts =
        administration.list(statusOf(status), query, paging);
    List<DoctorAccount> body = accounts.accounts().stream().map(DoctorAccount::of).toList();
    return Response.ok(body).header("X-Total-Count", accounts.total()).build();
  }

  @POST
  @Path("{id}/approve")
  @Operation(operationId = "approveDoctor", summary = "Let a pending account sign in")
  @APIResponse(
      responseCode = "200",
      description = "The account, ACTIVE",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DoctorAccount")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such account",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "409",
      description = "The account is disabled (enable it instead)",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public DoctorAccount approve(@PathParam("id") @Schema(format = "int64") long id) {
    return DoctorAccount.of(administration.approve(id));
  }

  @POST
  @Path("{id}/disable")
  @Operation(
      operationId = "disableDoctor",
      summary = "Switch an account off; its tokens and sessions end at once")
  @APIResponse(
      responseCode = "200",
      description = "The account, DISABLED",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DoctorAccount")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such account",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "409",
      description = "The last active administrator",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public DoctorAccount disable(@PathParam("id") @Schema(format = "int64") long id) {
    return DoctorAccount.of(administration.disable(id));
  }

  @POST
  @Path("{id}/enable")
  @Operation(operationId = "enableDoctor", summary = "Let a disabled account sign in again")
  @APIResponse(
      responseCode = "200",
      description = "The account, ACTIVE",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DoctorAccount")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such account",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public DoctorAccount enable(@PathParam("id") @Schema(format = "int64") long id) {
    return DoctorAccount.of(administration.enable(id));
  }

  @PUT
  @Path("{id}/role")
  @Operation(
      operationId = "changeDoctorRole",
      summary = "Make an account a doctor or an administrator; its tokens and sessions end")
  @RequestBody(
      content =
          @Content(examples = @ExampleObject(name = "admin", value = "{\"role\": \"ADMIN\"}")))
  @APIResponse(
      responseCode = "200",
      description = "The account",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "DoctorAccount")))
  @APIResponse(
      responseCode = "400",
      description = "role is not DOCTOR or ADMIN",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such account",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "409",
      description = "The last active administrator",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public DoctorAccount changeRole(
      @PathParam("id") @Schema(format = "int64") long id, RoleChange body) {
    return DoctorAccount.of(administration.changeRole(id, roleOf(body)));
  }

  @POST
  @Path("{id}/password-reset")
  @Operation(
      operationId = "resetDoctorPassword",
      summary = "Give an account a one-time temporary password, to be changed at the next sign-in")
  @APIResponse(
      responseCode = "200",
      description =
          "The account and its temporary_password, shown this once; its tokens and sessions end",
      content =
          @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "PasswordReset")))
  @APIResponse(
      responseCode = "403",
      description = "Not an administrator",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  @APIResponse(
      responseCode = "404",
      description = "No such account",
      content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
  public PasswordReset resetPassword(@PathParam("id") @Schema(format = "int64") long id) {
    AccountAdministration.TemporaryPassword reset = administration.resetPassword(id);
    return new PasswordReset(DoctorAccount.of(reset.account()), reset.password());
  }

  private static AccountStatus statusOf(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return AccountStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new Invalid("status", "must be PENDING, ACTIVE or DISABLED");
    }
  }

  private static Role roleOf(RoleChange body) {
    String role = body == null ? null : body.role();
    try {
      return Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new Invalid("role", "must be DOCTOR or ADMIN");
    }
  }

  /** Body of {@code PUT /api/admin/doctors/{id}/role}. */
  public record RoleChange(String role) {}

  /** An account as the administration API shows it. */
  public record DoctorAccount(
      @Schema(format = "int64") long id,
      String name,
      String email,
      String role,
      AccountStatus status,
      boolean mfaEnabled,
      Instant createdAt,
      Instant lastSignInAt) {
    static DoctorAccount of(Account account) {
      return new DoctorAccount(
          account.id(),
          account.name(),
          account.email(),
          account.role().apiName(),
          account.status(),
          account.mfaEnabled(),
          account.createdAt(),
          account.lastSignInAt());
    }
  }

  /** The answer to a password reset. */
  public record PasswordReset(DoctorAccount account, String temporaryPassword) {}
}
