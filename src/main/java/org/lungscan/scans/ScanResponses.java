package org.lungscan.scans;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.lungscan.patients.Gender;
import org.lungscan.patients.Patient;

/** Lung scans as the API shows them. */
public final class ScanResponses {

  private ScanResponses() {}

  /** A scan on its own. */
  @Schema(name = "Scan")
  public record Scan(
      @Schema(format = "int64") long id,
      @Schema(format = "int64") long patientId,
      String contentType,
      @Schema(format = "int64") long sizeBytes,
      int width,
      int height,
      String sha256,
      String originalFilename,
      Instant uploadedAt) {
    public static Scan of(LungScan s) {
      return new Scan(
          s.getId(),
          s.getPatient().getId(),
          s.getContentType(),
          s.getSizeBytes(),
          s.getWidth(),
          s.getHeight(),
          s.getSha256(),
          s.getOriginalFilename(),
          s.getUploadedAt());
    }
  }

  /** The patient a scan belongs to, briefly. */
  public record PatientSummary(
      @Schema(format = "int64") long id, String name, int age, Gender gender) {
    public static PatientSummary of(Patient p) {
      return new PatientSummary(p.getId(), p.getName(), p.getAge(), p.getGender());
    }
  }
}
