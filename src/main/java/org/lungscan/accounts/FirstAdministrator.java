package org.lungscan.accounts;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Creates the first administrator account from configuration, if one is configured. */
@Singleton
@Startup
@DependsOn("Database")
public class FirstAdministrator {

  private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());

  @Inject
  @ConfigProperty(name = "lungscan.admin.email")
  Optional<String> email;

  @Inject
  @ConfigProperty(name = "lungscan.admin.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "lungscan.admin.name")
  String name;

  @Inject
  @ConfigProperty(name = "lungscan.signup")
  String signUp;

  @Inject AccountService accounts;

  @PostConstruct
  void createIfConfigured() {
    LOG.info("Sign-up mode: " + SignUpMode.of(signUp).name().toLowerCase(java.util.Locale.ROOT));
    if (email.isPresent() && password.isPresent()) {
      if (accounts.findByEmail(email.get()).isEmpty()) {
        accounts.createAdministrator(new NewAccount(name, email.get(), password.get()));
      }
      LOG.info("The configured administrator account exists");
    }
  }
}
