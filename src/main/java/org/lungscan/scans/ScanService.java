package org.lungscan.scans;

import static org.lungscan.audit.AuditAction.SCAN_CREATE;
import static org.lungscan.audit.AuditAction.SCAN_DELETE;
import static org.lungscan.audit.AuditAction.SCAN_IMAGE_READ;
import static org.lungscan.audit.AuditAction.SCAN_LIST;
import static org.lungscan.audit.AuditAction.SCAN_READ;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.audit.AuditAction;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.audit.Shown;
import org.lungscan.patients.PatientRemoval;
import org.lungscan.patients.PatientService;
import org.lungscan.platform.Damaged;
import org.lungscan.platform.Invalid;
import org.lungscan.platform.NotFound;
import org.lungscan.platform.OneTransaction;
import org.lungscan.platform.PageRequest;
import org.lungscan.platform.TooLarge;
import org.lungscan.platform.Unavailable;
import org.lungscan.scans.images.DamagedImageException;
import org.lungscan.scans.images.DecodingUnavailableException;
import org.lungscan.scans.images.FileTooLargeException;
import org.lungscan.scans.images.ImageFacts;
import org.lungscan.scans.images.InvalidImageException;
import org.lungscan.scans.images.PendingImage;
import org.lungscan.scans.images.Sampling;
import org.lungscan.scans.images.StoredImage;
import org.lungscan.scans.images.Thumbnails;

/**
 * The signed-in doctor's lung scans. Keeps every scan's row and its stored image in agreement: an
 * image is fully on disk before its row is committed, a row that cannot be written takes its image
 * with it, and images are deleted only after their rows' removal has committed.
 */
@ApplicationScoped
public class ScanService {

  static final String RESOURCE = "lung_scan";
  private static final Logger LOG = Logger.getLogger(ScanService.class.getName());

  @Inject ImageStorage storage;
  @Inject ScanRecords records;
  @Inject PatientService patients;
  @Inject CurrentDoctor doctor;
  @Inject AuditTrail audit;
  @Inject StorageQuota quota;

  @Inject UploadLimit uploadLimit;
  @Inject UploadMetrics uploadMetrics;
  @Inject OneTransaction transaction;
  @Inject @Any Instance<UploadedPixels> pixelReaders;

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * Stores an uploaded image for one of the doctor's patients; content decides what it is. A full
   * quota refuses the upload before its bytes are read, and again once its size is known. The image
   * is decoded once, by its check, for its thumbnail and for {@link UploadedPixels}; its row and
   * audit event are written in one transaction.
   */
  public LungScan upload(long patientId, InputStream image, String originalFilename) {
    patients.owned(patientId);
    return receive(image, originalFilename, () -> patientId);
  }

  /**
   * {@link #upload(long, InputStream, String)} for a form that names the patient after the image:
   * the image is received first, then the patient asked for and checked.
   */
  public LungScan upload(
      InputStream image, String originalFilename, LongSupplier patientIdAfterImage) {
    return receive(
        image,
        originalFilename,
        () -> {
          long patientId = patientIdAfterImage.getAsLong();
          patients.owned(patientId);
          return patientId;
        });
  }

  private LungScan receive(InputStream image, String originalFilename, LongSupplier patient) {
    requireRoomFor(0);
    try (PendingImage pending = storage.store().receive(image, uploadLimit.getMaxBytes())) {
      long patientId = patient.getAsLong();
      requireRoomFor(pending.sizeBytes());
      UploadDecode decode = new UploadDecode(storage.thumbnails(), pixelReaders);
      ImageFacts facts = storage.check().check(pending.file(), decode);
      StoredImage stored = storage.store().commit(pending, facts);
      decode.keepThumbnail(stored.key());
      LungScan scan = addRecordOrForgetImage(patientId, stored, originalFilename);
      uploadMetrics.stored(scan.getSizeBytes());
      decode.recorded(scan);
      return scan;
    } catch (FileTooLargeException e) {
      record(SCAN_CREATE, null, Outcome.FAILURE);
      throw new TooLarge(e.getMessage());
    } catch (InvalidImageException e) {
      record(SCAN_CREATE, null, Outcome.FAILURE);
      throw new Invalid("image", e.getMessage());
    } catch (DecodingUnavailableException e) {
      record(SCAN_CREATE, null, Outcome.FAILURE);
      throw unavailable(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the uploaded image", e);
    }
  }

  private void requireRoomFor(long bytes) {
    try {
      quota.requireRoomFor(doctor.id(), bytes);
    } catch (TooLarge full) {
      record(SCAN_CREATE, null, Outcome.FAILURE);
      throw full;
    }
  }

  private LungScan addRecordOrForgetImage(
      long patientId, StoredImage stored, String originalFilename) throws IOException {
    try {
      return transaction.run(
          () -> {
            LungScan scan = records.add(patientId, stored, cleanName(originalFilename));
            audit.recordShownWithin(
                actor(), SCAN_CREATE, RESOURCE, scan.getId(), Shown.patient(patientId));
            return scan;
          });
    } catch (RuntimeException rowNotWritten) {
      storage.store().delete(stored.key());
      throw rowNotWritten;
    }
  }

  public LungScan get(long id) {
    LungScan scan = find(id, SCAN_READ);
    shown(SCAN_READ, id, patientOf(scan));
    return scan;
  }

  public List<LungScan> list(PageRequest page) {
    List<LungScan> found = records.ofDoctor(doctor.id(), page);
    audit.recordShown(
        actor(),
        SCAN_LIST,
        RESOURCE,
        null,
        Shown.of(RESOURCE, found, ScanService::patientOf, LungScan::getId));
    return found;
  }

  public long count() {
    return records.countOfDoctor(doctor.id());
  }

  /** The patient's scans, newest first. */
  public List<LungScan> ofPatient(long patientId) {
    patients.owned(patientId);
    List<LungScan> found = records.ofPatient(patientId);
    audit.recordShown(
        actor(),
        SCAN_LIST,
        RESOURCE,
        null,
        Shown.ofPatient(RESOURCE, patientId, found.stream().map(LungScan::getId).toList()));
    return found;
  }

  /**
   * The doctor's scan's stored image: the bytes kept at upload (the upload without its metadata),
   * handed out only once they are found to still have their recorded SHA-256.
   *
   * @throws Damaged if they do not
   */
  public ScanImage image(long id) {
    LungScan scan = find(id, SCAN_IMAGE_READ);
    InputStream bytes = openIntact(scan, SCAN_IMAGE_READ);
    try {
      shown(SCAN_IMAGE_READ, id, patientOf(scan));
    } catch (RuntimeException notAudited) {
      closeQuietly(bytes);
      throw notAudited;
    }
    return new ScanImage(scan.getContentType(), scan.getSizeBytes(), bytes);
  }

  /**
   * A small PNG of the doctor's scan, made on first request (from the image once found intact).
   *
   * @throws Damaged if the image is not intact when the thumbnail is made
   * @throws Unavailable if the memory to decode it cannot be had now
   */
  public ScanImage thumbnail(long id) {
    LungScan scan = find(id, SCAN_IMAGE_READ);
    try {
      Path thumbnail = storage.thumbnails().thumbnailOf(scan.getStorageKey(), scan.getSha256());
      shown(SCAN_IMAGE_READ, id, patientOf(scan));
      return png(thumbnail);
    } catch (DamagedImageException e) {
      throw damaged(scan, SCAN_IMAGE_READ);
    } catch (DecodingUnavailableException e) {
      throw unavailable(e);
    } catch (IOException e) {
      throw new UncheckedIOException("the thumbnail of scan " + id + " cannot be made", e);
    }
  }

  /**
   * Runs {@code work} on the scan's image, decoded keeping the pixels {@code sampling} picks, once
   * its bytes are found intact; the memory the pixels take is reserved until {@code work} returns.
   * Audited as a read of the image.
   *
   * @throws Damaged if the stored bytes no longer have their recorded SHA-256
   * @throws Unavailable if the memory to decode it cannot be had (with a retry-after when it is
   *     only busy)
   */
  public <T> T withPixels(LungScan scan, Sampling.Rule sampling, Function<BufferedImage, T> work) {
    return withPixels(scan, sampling, work, true);
  }

  /**
   * {@link #withPixels} for a caller that audits the read itself, with {@link #imageReadWithin} in
   * the transaction that records what it made of the pixels.
   */
  public <T> T withPixelsAuditedByCaller(
      LungScan scan, Sampling.Rule sampling, Function<BufferedImage, T> work) {
    return withPixels(scan, sampling, work, false);
  }

  private <T> T withPixels(
      LungScan scan, Sampling.Rule sampling, Function<BufferedImage, T> work, boolean audited) {
    try {
      storage.store().verify(scan.getStorageKey(), scan.getSha256());
      if (audited) {
        shown(SCAN_IMAGE_READ, scan.getId(), patientOf(scan));
      }
      return storage
          .decoder()
          .decode(
              storage.store().pathOf(scan.getStorageKey()),
              sampling,
              decoded -> work.apply(decoded.kept()));
    } catch (DamagedImageException e) {
      throw damaged(scan, SCAN_IMAGE_READ);
    } catch (DecodingUnavailableException e) {
      throw unavailable(e);
    } catch (IOException e) {
      throw new UncheckedIOException("the image of scan " + scan.getId() + " cannot be read", e);
    }
  }

  /**
   * Checks that the scan's stored bytes still have their recorded SHA-256, for a caller that uses
   * what was read from them at upload instead of decoding them again.
   *
   * @throws Damaged if they do not
   */
  public void requireIntact(LungScan scan) {
    try {
      storage.store().verify(scan.getStorageKey(), scan.getSha256());
    } catch (DamagedImageException e) {
      throw damaged(scan, SCAN_IMAGE_READ);
    } catch (IOException e) {
      throw new UncheckedIOException("the image of scan " + scan.getId() + " cannot be read", e);
    }
  }

  /** Audits a read of the scan's image in the caller's transaction. */
  public void imageReadWithin(LungScan scan) {
    audit.recordShownWithin(
        actor(), SCAN_IMAGE_READ, RESOURCE, scan.getId(), Shown.patient(patientOf(scan)));
  }

  /** Audits a read of the scan's image on its own, for a caller whose own work then failed. */
  public void imageRead(LungScan scan) {
    shown(SCAN_IMAGE_READ, scan.getId(), patientOf(scan));
  }

  private static ScanImage png(Path file) throws IOException {
    SeekableByteChannel bytes = Files.newByteChannel(file);
    try {
      return new ScanImage(Thumbnails.CONTENT_TYPE, bytes.size(), Channels.newInputStream(bytes));
    } catch (IOException e) {
      bytes.close();
      throw e;
    }
  }

  private static void closeQuietly(InputStream bytes) {
    try {
      bytes.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "could not close a stored image", e);
    }
  }

  private InputStream openIntact(LungScan scan, AuditAction action) {
    try {
      return storage.store().openVerified(scan.getStorageKey(), scan.getSha256());
    } catch (DamagedImageException e) {
      throw damaged(scan, action);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the stored image of scan " + scan.getId() + " cannot be read", e);
    }
  }

  /** Logged as an integrity failure and audited as a failed read; the client is told plainly. */
  private Damaged damaged(LungScan scan, AuditAction action) {
    LOG.log(
        Level.SEVERE,
        "Integrity failure: the stored image of scan {0} no longer has its recorded SHA-256;"
            + " it is neither served nor decoded",
        scan.getId());
    record(action, scan.getId(), Outcome.FAILURE);
    return new Damaged(
        "The stored image of scan "
            + scan.getId()
            + " is damaged: its bytes no longer match the SHA-256 recorded at upload, so it is"
            + " neither served nor used for a prediction. Upload the scan again, or ask the"
            + " administrator to restore the file from a backup.");
  }

  private static Unavailable unavailable(DecodingUnavailableException e) {
    return new Unavailable(e.getMessage(), e.retryAfter().orElse(null));
  }

  /** The doctor's own scan, for other features to work on; a miss is audited as the action. */
  public LungScan owned(long id, AuditAction action) {
    return find(id, action);
  }

  public void delete(long id) {
    LungScan scan = find(id, SCAN_DELETE);
    String key = records.delete(scan);
    shown(SCAN_DELETE, id, patientOf(scan));
    deleteImages(List.of(key));
  }

  /** When a patient goes, their images go too, once the removal has committed. */
  void onPatientRemoval(@Observes PatientRemoval removal) {
    List<String> keys = records.keysOfPatient(removal.patientId());
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              deleteImages(keys);
            }
          }
        });
  }

  private void deleteImages(List<String> keys) {
    for (String key : keys) {
      try {
        storage.store().delete(key);
      } catch (IOException e) {
        LOG.log(
            Level.WARNING,
            "A deleted scan's image could not be removed now; the nightly cleanup will",
            e);
      }
    }
  }

  private LungScan find(long id, AuditAction action) {
    return records
        .find(id, doctor.id())
        .orElseThrow(
            () -> {
              record(action, id, Outcome.FAILURE);
              return new NotFound(RESOURCE, id);
            });
  }

  private void record(AuditAction action, Long id, Outcome outcome) {
    audit.record(actor(), action, RESOURCE, id, outcome);
  }

  private void shown(AuditAction action, long id, long patientId) {
    audit.recordShown(actor(), action, RESOURCE, id, Shown.patient(patientId));
  }

  private AuditTrail.Actor actor() {
    return AccountService.actorOf(doctor.get());
  }

  private static long patientOf(LungScan scan) {
    return scan.getPatient().getId();
  }

  /** The client's file name is kept as text only, never used as a path. */
  private static String cleanName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String printable = name.replaceAll("\\p{Cntrl}", "").strip();
    return printable.length() > 255 ? printable.substring(0, 255) : printable;
  }
}
