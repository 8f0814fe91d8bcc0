package org.lungscan.predictions;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Starts loading the model as soon as the schema is current, so that it loads while the pages'
 * framework starts rather than after the whole deployment (the model registry it asks needs the
 * database, nothing else).
 */
@Singleton
@Startup
@DependsOn("Database")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ModelAtStartup {

  @Inject LoadedModel model;

  @PostConstruct
  void beginLoading() {
    model.loadInBackground();
  }
}
