package org.lungscan.predictions;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lungscan.patients.PatientsView;
import org.lungscan.platform.PageMessages;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.ScanService;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.file.UploadedFile;

/**
 * The page door to reading scans: upload a scan for the selected patient, predict, see the result,
 * the patient's scans with their latest results, and one scan large with its history.
 */
@Named("reading")
@ViewScoped
public class ReadingView implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
          .withZone(ZoneId.systemDefault());

  @Inject PatientsView patients;
  @Inject ScanService scans;
  @Inject PredictionService predictions;
  @Inject ScanReviews reviews;

  private PredictionCard result;
  private transient List<ScanCard> scansRead;
  private transient Object scansReadFor;
  private transient Long scansReadOf;
  private ScanCard opened;
  private List<PredictionCard> openedHistory = List.of();

  /** A scan in the patient's history. */
  public record ScanCard(
      long id,
      String uploaded,
      int width,
      int height,
      String originalFilename,
      PredictionCard latest,
      String reviewed)
      implements Serializable {
    public long getId() {
      return id;
    }
  }

  public void patientChanged() {
    scansRead = null;
    result = null;
    opened = null;
  }

  public void upload(FileUploadEvent event) {
    Long patientId = patients.getSelectedId();
    UploadedFile file = event.getFile();
    if (patientId == null || file == null) {
      return;
    }
    LungScan scan;
    try (InputStream content = file.getInputStream()) {
      scan = scans.upload(patientId, content, file.getFileName());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    scansRead = null;
    PageMessages.info("reading.uploaded");
    predict(scan.getId());
  }

  /**
   * Runs the model on one of the patient's scans and shows what it said; a refusal (no model, a
   * scan gone) is shown by the pages' exception handler.
   */
  public void predict(long scanId) {
    scansRead = null;
    result = PredictionCard.of(predictions.predict(scanId), predictions.modelStatus());
  }

  public void open(long scanId) {
    LungScan scan = scans.get(scanId);
    ModelStatus model = predictions.modelStatus();
    openedHistory =
        predictions.ofScan(scanId).stream().map(p -> PredictionCard.of(p, model)).toList();
    opened =
        card(
            scan,
            openedHistory.isEmpty() ? null : openedHistory.get(0),
            reviews.summariesOf(List.of(scan)).get(scanId));
  }

  /**
   * The selected patient's scans, newest first, each with its latest result. The page asks for them
   * several times while it renders; they are read (and the reading audited) once per request.
   */
  public List<ScanCard> getScans() {
    Long patientId = patients.getSelectedId();
    if (patientId == null) {
      return List.of();
    }
    Object request = FacesContext.getCurrentInstance().getExternalContext().getRequest();
    if (scansRead == null || scansReadFor != request || !patientId.equals(scansReadOf)) {
      scansRead = readScans(patientId);
      scansReadFor = request;
      scansReadOf = patientId;
    }
    return scansRead;
  }

  private List<ScanCard> readScans(long patientId) {
    ModelStatus model = predictions.modelStatus();
    List<ScanWithLatestPrediction> found = predictions.scansOfPatient(patientId);
    Map<Long, String> reviewed =
        reviews.summariesOf(found.stream().map(ScanWithLatestPrediction::scan).toList());
    return found.stream()
        .map(
            s ->
                card(
                    s.scan(),
                    s.latestPrediction().map(p -> PredictionCard.of(p, model)).orElse(null),
                    reviewed.get(s.scan().getId())))
        .toList();
  }

  public ModelStatus getModel() {
    return predictions.modelStatus();
  }

  private static ScanCard card(LungScan scan, PredictionCard latest, String reviewed) {
    return new ScanCard(
        scan.getId(),
        WHEN.format(scan.getUploadedAt()),
        scan.getWidth(),
        scan.getHeight(),
        scan.getOriginalFilename(),
        latest,
        reviewed);
  }

  public PredictionCard getResult() {
    return result;
  }

  public ScanCard getOpened() {
    return opened;
  }

  public List<PredictionCard> getOpenedHistory() {
    return openedHistory;
  }
}
