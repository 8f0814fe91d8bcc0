package org.lungscan.audit;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lungscan.platform.PageMessages;
import org.lungscan.platform.PageRequest;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The page door to the audit trail: filters, a lazily paged table, the CSV of the filtered trail
 * and the chain check.
 */
@Named("auditTrailView")
@ViewScoped
public class AuditTrailView implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Inject AuditEventService events;
  @Inject AuditTrail trail;

  private LocalDate from;
  private LocalDate to;
  private String doctorId;
  private AuditAction action;
  private AuditQuery applied = AuditQuery.all();
  private String chainResult;
  private boolean chainIntact;

  private final LazyDataModel<AuditEntry> trailPage =
      new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filters) {
          return (int) Math.min(Integer.MAX_VALUE, events.count(applied));
        }

        @Override
        public List<AuditEntry> load(
            int first, int pageSize, Map<String, SortMeta> sort, Map<String, FilterMeta> filters) {
          int size = Math.min(pageSize, PageRequest.MAX_SIZE);
          return events.find(applied, new PageRequest(first / size, size));
        }

        @Override
        public String getRowKey(AuditEntry entry) {
          return Long.toString(entry.id());
        }
      };

  /** Checks the filters as typed and shows the first page of what they match. */
  public void apply() {
    applied =
        AuditQuery.of(
            from == null ? null : from.toString(),
            to == null ? null : to.toString(),
            doctorId,
            action == null ? null : action.name());
  }

  /** Reads the whole chain and says whether it holds. */
  public void verify() {
    ChainVerification.Result result = trail.verify();
    chainIntact = result.intact();
    chainResult =
        result.intact()
            ? PageMessages.text("console.audit.intact", result.events())
            : PageMessages.text("console.audit.broken", result.events(), result.firstBrokenId());
  }

  /** The CSV export's address for the filters last applied, relative to the context root. */
  public String getCsvPath() {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (applied.days().from() != null) {
      parameters.put("from", applied.days().from().toString());
    }
    if (applied.days().to() != null) {
      parameters.put("to", applied.days().to().toString());
    }
    if (applied.doctorId() != null) {
      parameters.put("doctor_id", applied.doctorId().toString());
    }
    if (applied.action() != null) {
      parameters.put("action", applied.action().name());
    }
    String query =
        parameters.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return AuditCsvServlet.PATH + (query.isEmpty() ? "" : "?" + query);
  }

  /** When an event happened, to the second, in UTC. */
  public String when(AuditEntry entry) {
    return WHEN.format(entry.at());
  }

  public LazyDataModel<AuditEntry> getEvents() {
    return trailPage;
  }

  public AuditAction[] getActions() {
    return AuditAction.values();
  }

  public String getChainResult() {
    return chainResult;
  }

  public boolean isChainIntact() {
    return chainIntact;
  }

  public LocalDate getFrom() {
    return from;
  }

  public void setFrom(LocalDate from) {
    this.from = from;
  }

  public LocalDate getTo() {
    return to;
  }

  public void setTo(LocalDate to) {
    this.to = to;
  }

  public String getDoctorId() {
    return doctorId;
  }

  public void setDoctorId(String doctorId) {
    this.doctorId = doctorId;
  }

  public AuditAction getAction() {
    return action;
  }

  public void setAction(AuditAction action) {
    this.action = action;
  }
}
