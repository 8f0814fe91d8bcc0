package org.lungscan.accounts;

import static org.lungscan.audit.AuditAction.ACCOUNT_APPROVE;
import static org.lungscan.audit.AuditAction.ACCOUNT_DISABLE;
import static org.lungscan.audit.AuditAction.ACCOUNT_ENABLE;
import static org.lungscan.audit.AuditAction.ACCOUNT_LIST;
import static org.lungscan.audit.AuditAction.ACCOUNT_PASSWORD_RESET;
import static org.lungscan.audit.AuditAction.ACCOUNT_ROLE_CHANGE;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.lungscan.audit.AuditAction;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.platform.Conflict;
import org.lungscan.platform.NotFound;
import org.lungscan.platform.PageRequest;

/**
 * An administrator's governing of accounts: the list, approving, disabling, enabling, changing
 * roles and resetting passwords, for the API ({@code /api/admin/doctors}) and the console's pages
 * alike. Only a signed-in administrator may call it; every change is audited with who did it to
 * which account. The last active administrator can be neither disabled nor demoted.
 */
@ApplicationScoped
public class AccountAdministration {

  private static final String TEMPORARY_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final int TEMPORARY_LENGTH = 20;

  @PersistenceContext(unitName = "lungscan")
  EntityManager em;

  @Inject CurrentDoctor currentDoctor;
  @Inject AuditTrail audit;
  @Inject PasswordHasher hasher;
  @Inject Revocations revocations;

  /**
   * One page of accounts, alphabetical by name then email; {@code status} (or null for all) and
   * {@code query} (part of the name or email, any case; null or blank for all) filter it.
   */
  @Transactional
  public AccountPage list(AccountStatus status, String query, @NotNull PageRequest page) {
    Doctor admin = administrator();
    String where =
        " where (:status is null or d.status = :status)"
            + " and (:query is null or lower(d.name) like :query or d.email like :query)";
    String like =
        query == null || query.isBlank()
            ? null
            : "%"
                + query
                    .strip()
                    .toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\")
                    .replace("%", "\\%")
                    .replace("_", "\\_")
                + "%";
    TypedQuery<Doctor> rows =
        em.createQuery(
            "select d from Doctor d" + where + " order by d.name, d.email", Doctor.class);
    TypedQuery<Long> count = em.createQuery("select count(d) from Doctor d" + where, Long.class);
    for (TypedQuery<?> q : List.of(rows, count)) {
      q.setParameter("status", status).setParameter("query", like);
    }
    List<Account> accounts =
        rows.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList().stream()
            .map(Account::of)
            .toList();
    audit.record(AccountService.actorOf(admin), ACCOUNT_LIST, "doctor", null, Outcome.SUCCESS);
    return new AccountPage(accounts, count.getSingleResult());
  }

  /** How many accounts there are in each status (every status present, zero when none). */
  @Transactional
  public Map<AccountStatus, Long> countByStatus() {
    administrator();
    Map<AccountStatus, Long> counts = new EnumMap<>(AccountStatus.class);
    for (AccountStatus status : AccountStatus.values()) {
      counts.put(status, 0L);
    }
    for (Object[] row :
        em.createQuery("select d.status, count(d) from Doctor d group by d.status", Object[].class)
            .getResultList()) {
      counts.put((AccountStatus) row[0], (Long) row[1]);
    }
    return counts;
  }

  /** Accounts waiting for approval. */
  public long pendingCount() {
    return countByStatus().get(AccountStatus.PENDING);
  }

  @Transactional
  public Account find(long id) {
    administrator();
    return Account.of(doctor(id));
  }

  /** Lets a pending account sign in. An active account stays as it is; a disabled one: 409. */
  @Transactional
  public Account approve(long id) {
    return change(
        id,
        ACCOUNT_APPROVE,
        doctor -> {
          if (doctor.getStatus() == AccountStatus.DISABLED) {
            throw new Conflict("This account is disabled: enable it instead.");
          }
          doctor.approve();
        });
  }

  /** Switches the account off; its tokens and page sessions end at once. */
  @Transactional
  public Account disable(long id) {
    return change(
        id,
        ACCOUNT_DISABLE,
        doctor -> {
          if (doctor.getStatus() != AccountStatus.DISABLED) {
            keepAnActiveAdministrator(doctor);
            doctor.disable();
          }
        });
  }

  /** Lets a disabled (or pending) account sign in again. */
  @Transactional
  public Account enable(long id) {
    return change(id, ACCOUNT_ENABLE, Doctor::enable);
  }

  /**
   * Makes the account a doctor or an administrator; its tokens and sessions end, since they name
   * its groups.
   */
  @Transactional
  public Account changeRole(long id, @NotNull Role role) {
    return change(
        id,
        ACCOUNT_ROLE_CHANGE,
        doctor -> {
          if (doctor.getRole() != role) {
            if (role != Role.ADMIN) {
              keepAnActiveAdministrator(doctor);
            }
            doctor.changeRole(role);
          }
        });
  }

  /**
   * Gives the account a new random password, shown once to the administrator, which the doctor must
   * change at their next sign-in; its tokens and sessions end.
   */
  @Transactional
  public TemporaryPassword resetPassword(long id) {
    String password = temporaryPassword();
    Account account =
        change(
            id,
            ACCOUNT_PASSWORD_RESET,
            doctor -> {
              doctor.changePassword(hasher.hash(password), true);
              doctor.endSessions(null);
            });
    return new TemporaryPassword(account, password);
  }

  private Account change(long id, AuditAction action, Consumer<Doctor> change) {
    Doctor admin = administrator();
    Doctor doctor = em.find(Doctor.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (doctor == null) {
      audit.record(AccountService.actorOf(admin), action, "doctor", id, Outcome.FAILURE);
      throw new NotFound("doctor", id);
    }
    try {
      change.accept(doctor);
      em.flush();
    } catch (Conflict refused) {
      audit.record(AccountService.actorOf(admin), action, "doctor", id, Outcome.DENIED);
      throw refused;
    }
    revocations.forget(id);
    audit.record(AccountService.actorOf(admin), action, "doctor", id, Outcome.SUCCESS);
    return Account.of(doctor);
  }

  /**
   * Refuses to take away the last active administrator; the active administrators' rows are locked
   * first, so two administrators demoting each other at once cannot both succeed.
   */
  private void keepAnActiveAdministrator(Doctor doctor) {
    if (!doctor.isAdmin() || !doctor.isActive()) {
      return;
    }
    List<Doctor> activeAdmins =
        em.createQuery(
                "select d from Doctor d where d.role = :admin and d.status = :active", Doctor.class)
            .setParameter("admin", Role.ADMIN)
            .setParameter("active", AccountStatus.ACTIVE)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    if (activeAdmins.size() <= 1) {
      throw new Conflict("This is the last active administrator: make another one first.");
    }
  }

  private Doctor administrator() {
    Doctor admin = currentDoctor.get();
    if (!admin.isAdmin()) {
      throw AccountRefused.administratorsOnly();
    }
    return admin;
  }

  private Doctor doctor(long id) {
    Doctor doctor = em.find(Doctor.class, id);
    if (doctor == null) {
      throw new NotFound("doctor", id);
    }
    return doctor;
  }

  private static String temporaryPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < TEMPORARY_LENGTH; i++) {
      password.append(TEMPORARY_ALPHABET.charAt(random.nextInt(TEMPORARY_ALPHABET.length())));
    }
    return password.toString();
  }

  /** A page of accounts and how many there are in all. */
  public record AccountPage(List<Account> accounts, long total) {}

  /** The password an administrator hands the doctor, who must change it at the next sign-in. */
  public record TemporaryPassword(Account account, String password) {}
}
