package org.lungscan.platform;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The JSON API under {@code /api}, secured by MicroProfile JWT bearer tokens. */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"doctor", "admin"})
@ApplicationScoped
public class RestApplication extends Application {}
