package org.lungscan.predictions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.metrics.annotation.Counted;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.platform.NotFound;
import org.lungscan.platform.PageRequest;
import org.lungscan.platform.Unavailable;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.ScanService;

/**
 * Predictions on the signed-in doctor's scans, made by the loaded model and kept with its name and
 * version.
 */
@ApplicationScoped
public class PredictionService {

  static final String RESOURCE = "prediction";

  @Inject ScanService scans;
  @Inject LoadedModel model;
  @Inject PredictionRecords records;
  @Inject CurrentDoctor doctor;
  @Inject AuditTrail audit;

  /** Runs the model on the scan's image and records what it said. */
  @Counted(name = "predictions", absolute = true, description = "Predictions asked for")
  @Timed(
      name = "prediction_time",
      absolute = true,
      description = "Time to predict, queue and storage included")
  public Prediction predict(long scanId) {
    LungScan scan = scans.owned(scanId, "PREDICT");
    ModelStatus status = model.status();
    if (!status.ready()) {
      record("PREDICT", scanId, Outcome.FAILURE);
      throw new Unavailable("No usable model is loaded: " + status.detail());
    }
    Reading reading;
    try {
      reading = model.read(imageOf(scan));
    } catch (Unavailable busy) {
      record("PREDICT", scanId, Outcome.FAILURE);
      throw busy;
    }
    Prediction prediction =
        records.add(
            new Prediction(
                scan,
                reading.probabilities(),
                status.name(),
                status.version(),
                status.intendedUse(),
                reading.inferenceMs()));
    record("PREDICT", scanId, Outcome.SUCCESS);
    return prediction;
  }

  /** The scan's predictions, newest first. */
  public List<Prediction> ofScan(long scanId) {
    scans.owned(scanId, "PREDICTION_READ");
    record("PREDICTION_READ", scanId, Outcome.SUCCESS);
    return records.ofScan(scanId);
  }

  public List<Prediction> list(PageRequest page) {
    record("PREDICTION_LIST", null, Outcome.SUCCESS);
    return records.ofDoctor(doctor.id(), page);
  }

  public long count() {
    return records.countOfDoctor(doctor.id());
  }

  public ModelStatus modelStatus() {
    return model.status();
  }

  private BufferedImage imageOf(LungScan scan) {
    try (InputStream in = scans.image(scan)) {
      BufferedImage image = ImageIO.read(in);
      if (image == null) {
        throw new NotFound("Readable image of scan " + scan.getId());
      }
      return image;
    } catch (IOException e) {
      throw new UncheckedIOException("the image of scan " + scan.getId() + " cannot be read", e);
    }
  }

  private void record(String action, Long scanId, Outcome outcome) {
    audit.record(AccountService.actorOf(doctor.get()), action, RESOURCE, scanId, outcome);
  }
}
