package org.lungscan.platform;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The JSON API under {@code /api}, secured by MicroProfile JWT bearer tokens. */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"doctor", "admin"})
@ApplicationScoped
@OpenAPIDefinition(
    info =
        @Info(
            title = "LungScan API",
            version = "1.1",
            description =
                "Patients, lung scans and AI predictions of a signed-in doctor, for scripts and"
                    + " other hospital systems. Every error is an RFC 9457 problem"
                    + " (application/problem+json); a 400 lists the fields at fault in errors."
                    + " Send the token of POST /api/auth/login as Authorization: Bearer <token>."),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class RestApplication extends Application {}
