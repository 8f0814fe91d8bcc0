package org.lungscan.reading;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.lungscan.platform.PageMessages;
import org.lungscan.platform.PageRequest;
import org.lungscan.predictions.PredictionCard;
import org.lungscan.predictions.PredictionService;

/**
 * The page door to the doctor's worklist ({@code /app/worklist.xhtml}) and to the count of scans
 * still to read that the dashboard shows.
 */
@Named("worklist")
@ViewScoped
public class WorklistView implements Serializable {

  private static final long serialVersionUID = 1L;
  static final int PAGE_SIZE = 20;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
          .withZone(ZoneId.systemDefault());

  @Inject WorklistService worklist;
  @Inject PredictionService predictions;

  private String status = "unreviewed";
  private String sort = "suspicion";
  private int page;
  private transient List<Row> rows;
  private transient Object rowsReadFor;
  private long total;
  private transient Long unreviewed;

  /** A line of the worklist as the page shows it. */
  public record Row(
      long scanId,
      String patientName,
      String uploaded,
      String thumbnailAlt,
      PredictionCard prediction,
      String cancerProbability,
      String cardNote,
      ReviewCard review)
      implements Serializable {}

  /** The current page, read (and audited) once per request however often the page asks. */
  public List<Row> getRows() {
    Object request = FacesContext.getCurrentInstance().getExternalContext().getRequest();
    if (rows == null || rowsReadFor != request) {
      Worklist found =
          worklist.worklist(
              Worklist.Status.of(status),
              Worklist.Order.of(sort),
              new PageRequest(page, PAGE_SIZE));
      var model = predictions.modelStatus();
      total = found.total();
      rows = found.entries().stream().map(e -> row(e, model)).toList();
      rowsReadFor = request;
    }
    return rows;
  }

  private static Row row(Worklist.Entry e, org.lungscan.predictions.ModelStatus model) {
    String uploaded = WHEN.format(e.scan().getUploadedAt());
    String name = e.scan().getPatient().getName();
    return new Row(
        e.scan().getId(),
        name,
        uploaded,
        PageMessages.text("reading.view.imageAlt", name, uploaded),
        e.latestPrediction() == null ? null : PredictionCard.of(e.latestPrediction(), model),
        e.cancerProbability() == null
            ? PageMessages.text("reading.worklist.noProbability")
            : String.format(Locale.ROOT, "%.1f%%", e.cancerProbability() * 100),
        e.byOtherModel()
            ? PageMessages.text(
                "reading.worklist.otherModel",
                e.cardModel(),
                e.latestPrediction().getModelName() + " " + e.latestPrediction().getModelVersion())
            : null,
        e.latestReview() == null ? null : ReviewCard.of(e.latestReview()));
  }

  /** Scans of the doctor's that no one has reviewed yet. */
  public long getUnreviewedCount() {
    if (unreviewed == null) {
      unreviewed = worklist.unreviewedCount();
    }
    return unreviewed;
  }

  public void changed() {
    page = 0;
    rows = null;
  }

  public void next() {
    if ((page + 1L) * PAGE_SIZE < total) {
      page++;
    }
    rows = null;
  }

  public void previous() {
    page = Math.max(0, page - 1);
    rows = null;
  }

  public boolean isFirstPage() {
    return page == 0;
  }

  public boolean isLastPage() {
    getRows();
    return (page + 1L) * PAGE_SIZE >= total;
  }

  public String getPageText() {
    getRows();
    long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
    return PageMessages.text("reading.worklist.page", page + 1, pages, total);
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getSort() {
    return sort;
  }

  public void setSort(String sort) {
    this.sort = sort;
  }
}
