package org.lungscan.models;

import static org.lungscan.audit.AuditAction.DATASET_EXPORT;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.reading.ReviewFact;
import org.lungscan.reading.ReviewService;
import org.lungscan.scans.LungScan;
import org.lungscan.scans.ScanService;
import org.lungscan.scans.images.PixelsOnlyPng;
import org.lungscan.scans.images.Sampling;

/**
 * Every reviewed scan, de-identified for retraining: the decoded pixels re-encoded as PNG (no
 * metadata of the original survives a decode), under random names, in random order, with {@code
 * labels.csv} ({@code file, finding, predicted_class, model_version}); no names, ids or dates, and
 * the zip's own entry times are all the same fixed moment.
 */
@ApplicationScoped
public class DatasetExport {

  /** 2000-01-01T00:00:00Z for every entry: no entry tells when it was made. */
  private static final long FIXED_TIME = 946_684_800_000L;

  private final SecureRandom random = new SecureRandom();

  @Inject ReviewService reviews;
  @Inject ScanService scans;
  @Inject ModelRecords records;
  @Inject CurrentDoctor doctor;
  @Inject AuditTrail audit;

  /** Audits the export, then streams the zip into {@code out}, one image at a time. */
  public void export(OutputStream out) {
    List<ReviewFact> reviewed = new ArrayList<>(reviews.reviewedScans());
    Collections.shuffle(reviewed, random);
    audit.record(
        AccountService.actorOf(doctor.get()), DATASET_EXPORT, "dataset", null, Outcome.SUCCESS);
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      StringBuilder csv = new StringBuilder("file,finding,predicted_class,model_version\n");
      for (ReviewFact fact : reviewed) {
        LungScan scan = records.scan(fact.scanId());
        if (scan == null) {
          continue;
        }
        byte[] png = scans.withPixels(scan, Sampling.whole(), PixelsOnlyPng::encode);
        String file = "images/" + HexFormat.of().formatHex(randomBytes()) + ".png";
        entry(zip, file, png);
        csv.append(file)
            .append(',')
            .append(csvField(fact.finding()))
            .append(',')
            .append(csvField(fact.predictedClass()))
            .append(',')
            .append(csvField(fact.modelVersion()))
            .append('\n');
      }
      entry(zip, "labels.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("the dataset could not be written", e);
    }
  }

  private byte[] randomBytes() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return bytes;
  }

  private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTime(FIXED_TIME);
    zip.putNextEntry(entry);
    zip.write(content);
    zip.closeEntry();
  }

  /** Labels are the model's own words; quoted when they hold a comma, quote or line break. */
  private static String csvField(String value) {
    if (value == null) {
      return "";
    }
    return value.matches(".*[,\"\\r\\n].*") ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
