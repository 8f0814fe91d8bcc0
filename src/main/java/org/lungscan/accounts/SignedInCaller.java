package org.lungscan.accounts;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.lungscan.audit.AuditTrail.Actor;
import org.lungscan.audit.Caller;

/** The audit trail's {@link Caller}: the doctor signed in for this request. */
@RequestScoped
public class SignedInCaller implements Caller {

  @Inject CurrentDoctor doctor;

  @Override
  public Actor actor() {
    return AccountService.actorOf(doctor.get());
  }
}
