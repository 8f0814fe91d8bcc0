package org.lungscan.accounts;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.lungscan.accounts.AccountAdministration.AccountPage;
import org.lungscan.accounts.AccountAdministration.TemporaryPassword;
import org.lungscan.platform.PageMessages;
import org.lungscan.platform.PageRequest;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The console's Accounts page: the doctors, filtered by status and a search, paged, with what an
 * administrator may do to each (approve, disable, enable, change role, reset the password).
 */
@Named("accountsAdmin")
@ViewScoped
public class AccountAdministrationView implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @Inject AccountAdministration administration;

  private AccountStatus status;
  private String query;
  private long pending;

  private final LazyDataModel<Account> accounts =
      new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filters) {
          return (int) Math.min(Integer.MAX_VALUE, page(new PageRequest(0, 1)).total());
        }

        @Override
        public List<Account> load(
            int first, int pageSize, Map<String, SortMeta> sort, Map<String, FilterMeta> filters) {
          int size = Math.min(pageSize, PageRequest.MAX_SIZE);
          return page(new PageRequest(first / size, size)).accounts();
        }

        @Override
        public String getRowKey(Account account) {
          return Long.toString(account.id());
        }
      };

  @PostConstruct
  void countPending() {
    pending = administration.pendingCount();
  }

  private AccountPage page(PageRequest request) {
    return administration.list(status, query, request);
  }

  /** Shows the accounts waiting for approval. */
  public void showPending() {
    status = AccountStatus.PENDING;
    query = null;
  }

  public void approve(long id) {
    done("console.accounts.approved", administration.approve(id));
  }

  public void disable(long id) {
    done("console.accounts.disabled", administration.disable(id));
  }

  public void enable(long id) {
    done("console.accounts.enabled", administration.enable(id));
  }

  public void makeAdministrator(long id) {
    done("console.accounts.madeAdministrator", administration.changeRole(id, Role.ADMIN));
  }

  public void makeDoctor(long id) {
    done("console.accounts.madeDoctor", administration.changeRole(id, Role.DOCTOR));
  }

  /** Resets the password and shows the temporary one, once: it is kept nowhere else. */
  public void resetPassword(long id) {
    TemporaryPassword reset = administration.resetPassword(id);
    PageMessages.info("console.accounts.passwordReset", reset.account().name(), reset.password());
  }

  private void done(String key, Account account) {
    pending = administration.pendingCount();
    PageMessages.info(key, account.name());
  }

  /** When, to the minute, in UTC; a dash for never. */
  public String when(Instant at) {
    return at == null ? "-" : WHEN.format(at);
  }

  public String statusLabel(AccountStatus s) {
    return PageMessages.text("console.accounts.status." + s.name());
  }

  public String roleLabel(Role r) {
    return PageMessages.text("console.accounts.role." + r.name());
  }

  public AccountStatus[] getStatuses() {
    return AccountStatus.values();
  }

  public LazyDataModel<Account> getAccounts() {
    return accounts;
  }

  public long getPending() {
    return pending;
  }

  public AccountStatus getStatus() {
    return status;
  }

  public void setStatus(AccountStatus status) {
    this.status = status;
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }
}
