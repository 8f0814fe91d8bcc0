package org.lungscan.scans;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.lungscan.accounts.Doctor;
import org.lungscan.patients.Patient;
import org.lungscan.scans.images.StoredImage;

/** One uploaded lung X-ray or CT image of a patient, stored under a key the server chose. */
@Entity
@Table(name = "lung_scan")
public class LungScan {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "patient_id", nullable = false, updatable = false)
  private Patient patient;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "doctor_id", nullable = false, updatable = false)
  private Doctor doctor;

  @Column(name = "storage_key", nullable = false, length = 64, unique = true, updatable = false)
  private String storageKey;

  @Column(name = "content_type", nullable = false, length = 32, updatable = false)
  private String contentType;

  @Column(name = "size_bytes", nullable = false, updatable = false)
  private long sizeBytes;

  @Column(nullable = false, updatable = false)
  private int width;

  @Column(nullable = false, updatable = false)
  private int height;

  @Column(nullable = false, length = 64, updatable = false)
  private String sha256;

  @Column(name = "original_filename", length = 255, updatable = false)
  private String originalFilename;

  @Column(name = "uploaded_at", nullable = false, updatable = false)
  private Instant uploadedAt;

  protected LungScan() {}

  public LungScan(Patient patient, StoredImage image, String originalFilename) {
    this.patient = patient;
    this.doctor = patient.getDoctor();
    this.storageKey = image.key();
    this.contentType = image.contentType();
    this.sizeBytes = image.sizeBytes();
    this.width = image.width();
    this.height = image.height();
    this.sha256 = image.sha256();
    this.originalFilename = originalFilename;
    this.uploadedAt = Instant.now();
  }

  public Long getId() {
    return id;
  }

  public Patient getPatient() {
    return patient;
  }

  public Doctor getDoctor() {
    return doctor;
  }

  public String getStorageKey() {
    return storageKey;
  }

  public String getContentType() {
    return contentType;
  }

  public long getSizeBytes() {
    return sizeBytes;
  }

  public int getWidth() {
    return width;
  }

  public int getHeight() {
    return height;
  }

  public String getSha256() {
    return sha256;
  }

  public String getOriginalFilename() {
    return originalFilename;
  }

  public Instant getUploadedAt() {
    return uploadedAt;
  }
}
