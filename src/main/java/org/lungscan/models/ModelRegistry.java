package org.lungscan.models;

import static org.lungscan.audit.AuditAction.MODEL_ACTIVATE;
import static org.lungscan.audit.AuditAction.MODEL_LIST;
import static org.lungscan.audit.AuditAction.MODEL_UPLOAD;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.lungscan.accounts.AccountService;
import org.lungscan.accounts.CurrentDoctor;
import org.lungscan.audit.AuditAction;
import org.lungscan.audit.AuditEvent.Outcome;
import org.lungscan.audit.AuditTrail;
import org.lungscan.platform.Conflict;
import org.lungscan.platform.Invalid;
import org.lungscan.predictions.LoadedModel;
import org.lungscan.predictions.ModelChoice;
import org.lungscan.predictions.ModelStatus;
import org.lungscan.predictions.inference.LungModel;
import org.lungscan.predictions.inference.ModelCard;
import org.lungscan.predictions.inference.ModelCardException;
import org.lungscan.predictions.inference.ModelCardReader;
import org.lungscan.predictions.kerasimport.ModelImportException;

/**
 * The hospital's models: registered at startup (the bundled demo model on a fresh install, the
 * configured {@code lungscan.model.path}), uploaded and validated, activated and rolled back on
 * every instance without a restart. An upload never activates anything.
 */
@ApplicationScoped
public class ModelRegistry implements ModelChoice {

  private static final Logger LOG = Logger.getLogger(ModelRegistry.class.getName());
  static final String RESOURCE = "model";
  static final double TOLERANCE = 1e-4;
  private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

  @Inject ModelRecords records;
  @Inject ModelStore store;
  @Inject LoadedModel loaded;
  @Inject CurrentDoctor doctor;
  @Inject AuditTrail audit;

  /** The registered model this instance runs (null: none of the registry's, or not yet). */
  private final AtomicReference<Long> running = new AtomicReference<>();

  private final Object validation = new Object();

  public List<RegisteredModel> list() {
    List<RegisteredModel> all = records.all();
    record(MODEL_LIST, null, Outcome.SUCCESS);
    return all;
  }

  /**
   * Keeps the upload in a folder of its own and validates it as the model check does: the import,
   * the card against the model, the reference batch within 1e-4. A model that fails is kept as
   * {@code FAILED} (its reason, not its file) and refused with that reason.
   */
  public RegisteredModel upload(ModelUpload upload) {
    if (upload.model() == null) {
      throw new Invalid("model", "is required: attach the Keras model (.h5 or .keras)");
    }
    if ((upload.referenceInput() == null) != (upload.referenceOutput() == null)) {
      throw new Invalid(
          upload.referenceInput() == null ? "reference_input" : "reference_output",
          "is required with the other reference array: give both or neither");
    }
    Path folder = store.newFolder();
    try {
      Path received = folder.resolve("upload.part");
      StoredModelFile stored = ModelStore.write(upload.model(), received);
      Path file = folder.resolve(ModelStore.safeName(upload.fileName(), extensionOf(received)));
      Files.move(received, file, StandardCopyOption.ATOMIC_MOVE);
      stored =
          new StoredModelFile(
              stored.folder(), file.getFileName().toString(), stored.sha256(), stored.sizeBytes());
      if (upload.card() != null) {
        try (InputStream card = upload.card()) {
          Files.copy(card, ModelStore.cardOf(file));
        }
      }
      ModelFacts facts = validate(file, upload, folder);
      RegisteredModel model =
          records.add(new RegisteredModel(facts, stored, actorEmail(), Instant.now()));
      record(MODEL_UPLOAD, model.getId(), facts.imported() ? Outcome.SUCCESS : Outcome.FAILURE);
      if (!facts.imported()) {
        store.deleteFolder(folder);
        throw new Invalid("model", facts.detail());
      }
      return model;
    } catch (IOException e) {
      store.deleteFolder(folder);
      throw new UncheckedIOException("cannot keep the uploaded model", e);
    } catch (RuntimeException e) {
      if (!(e instanceof Invalid)) {
        store.deleteFolder(folder);
      }
      throw e;
    }
  }

  private ModelFacts validate(Path file, ModelUpload upload, Path folder) throws IOException {
    String name = ModelCardReader.baseName(file);
    long start = System.nanoTime();
    synchronized (validation) {
      LungModel candidate = LungModel.load(file);
      try {
        if (!candidate.isReady()) {
          return ModelFacts.failed(
              name, plain(candidate.unavailableReason().orElse("it cannot be imported"), folder));
        }
        ModelCard card = candidate.card();
        String detail = "Imported; the card fits the model";
        Double difference = null;
        if (upload.referenceInput() != null) {
          Path input = folder.resolve("reference-input.npy");
          Path output = folder.resolve("reference-output.npy");
          Files.copy(upload.referenceInput(), input);
          Files.copy(upload.referenceOutput(), output);
          try {
            difference = candidate.referenceDifference(input, output);
          } catch (IOException | RuntimeException | ModelImportException e) {
            return ModelFacts.failed(
                card.name(),
                "The reference arrays cannot be used: " + plain(e.getMessage(), folder));
          } finally {
            Files.deleteIfExists(input);
            Files.deleteIfExists(output);
          }
          if (!(difference <= TOLERANCE)) {
            return new ModelFacts(
                card.name(),
                card.version(),
                card.labels(),
                card.cancerLabels(),
                card.input().height(),
                card.input().width(),
                card.input().channels(),
                false,
                "The model's outputs differ from the reference outputs by up to "
                    + difference
                    + ", more than the tolerance of "
                    + TOLERANCE
                    + ".",
                difference);
          }
          detail += "; its outputs match the reference outputs within " + TOLERANCE;
        } else {
          detail += "; no reference arrays were given";
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ModelFacts(
            card.name(),
            card.version(),
            card.labels(),
            card.cancerLabels(),
            card.input().height(),
            card.input().width(),
            card.input().channels(),
            true,
            detail + " (validated in " + millis + " ms).",
            difference);
      } finally {
        candidate.close();
      }
    }
  }

  /** A reason without the server's paths. */
  private static String plain(String reason, Path folder) {
    String text = String.valueOf(reason).replace(folder.toString() + "/", "");
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  private static String extensionOf(Path file) throws IOException {
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(HDF5_MAGIC.length);
    }
    if (startsWith(head, ZIP_MAGIC)) {
      return ".keras";
    }
    return startsWith(head, HDF5_MAGIC) ? ".h5" : ".upload";
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    return head.length >= magic.length && Arrays.equals(Arrays.copyOf(head, magic.length), magic);
  }

  /**
   * Makes the model the one that predicts: loaded here first (so a model that cannot load is
   * refused and nothing changes), then recorded as active, which the other instances notice within
   * {@link ActiveModelWatch}'s interval.
   */
  public RegisteredModel activate(long id) {
    RegisteredModel model = records.get(id);
    if (model.getStatus() == ModelState.FAILED) {
      record(MODEL_ACTIVATE, id, Outcome.FAILURE);
      throw new Conflict(
          "The model failed its validation and cannot be activated: " + model.getDetail());
    }
    synchronized (running) {
      ModelStatus status = loaded.use(store.fileOf(model));
      if (!status.ready()) {
        record(MODEL_ACTIVATE, id, Outcome.FAILURE);
        throw new Conflict("The model cannot be loaded: " + status.detail());
      }
      running.set(id);
      RegisteredModel active = records.activate(id);
      record(MODEL_ACTIVATE, id, Outcome.SUCCESS);
      LOG.info(
          () ->
              "Model "
                  + id
                  + " ("
                  + active.getName()
                  + " "
                  + active.getVersion()
                  + ") activated by "
                  + actorEmail());
      return active;
    }
  }

  /**
   * Loads the active model when another instance changed it; a model that cannot load here is tried
   * again only once the active model changes again.
   */
  void follow(AtomicReference<Long> failed) {
    if (loaded.modelFile().isEmpty()) {
      return;
    }
    // read under the lock: a row read before a local activation committed would swap the model back
    synchronized (running) {
      Optional<RegisteredModel> active = records.active();
      if (active.isEmpty()) {
        return;
      }
      long id = active.get().getId();
      if (Long.valueOf(id).equals(running.get()) || Long.valueOf(id).equals(failed.get())) {
        return;
      }
      ModelStatus status = loaded.use(store.fileOf(active.get()));
      if (status.ready()) {
        running.set(id);
        failed.set(null);
        LOG.info(() -> "Now predicting with model " + id + ", activated elsewhere");
      } else {
        failed.set(id);
        LOG.warning(() -> "The active model " + id + " cannot be loaded here: " + status.detail());
      }
    }
  }

  /** The active model's id, as this instance runs it (null when none of the registry's). */
  Long running() {
    return running.get();
  }

  @Override
  public Path atStartup(Path fallback, boolean configured) {
    try {
      if (Files.isRegularFile(fallback)) {
        registerFound(fallback, configured);
      }
      Optional<RegisteredModel> active = records.active();
      if (active.isPresent() && Files.isRegularFile(store.fileOf(active.get()))) {
        running.set(active.get().getId());
        return store.fileOf(active.get());
      }
      active.ifPresent(
          missing ->
              LOG.warning(
                  () ->
                      "The active model's file "
                          + store.fileOf(missing)
                          + " is not here: every instance must share lungscan.models.dir;"
                          + " loading "
                          + fallback));
    } catch (RuntimeException | IOException e) {
      LOG.log(Level.WARNING, "The model registry could not be read; loading " + fallback, e);
    }
    return fallback;
  }

  private void registerFound(Path file, boolean configured) throws IOException {
    Path folder = store.newFolder();
    try {
      StoredModelFile stored;
      try (InputStream in = Files.newInputStream(file)) {
        stored = ModelStore.write(in, folder.resolve(file.getFileName().toString()));
      }
      Path card = ModelStore.cardOf(file);
      if (Files.isRegularFile(card)) {
        Files.copy(card, ModelStore.cardOf(folder.resolve(stored.fileName())));
      }
      String source = configured ? "the configured lungscan.model.path" : "the bundled demo model";
      RegisteredModel model =
          records.registerOnce(
              new RegisteredModel(factsOf(file, card, source), stored, "startup", Instant.now()));
      if (!model.getFolder().equals(stored.folder())) {
        store.deleteFolder(folder);
      } else {
        LOG.info(() -> "Registered " + file + " as model " + model.getId());
      }
    } catch (RuntimeException | IOException e) {
      store.deleteFolder(folder);
      throw e;
    }
  }

  /** A model found at startup is not imported twice: its card says what it is. */
  private static ModelFacts factsOf(Path file, Path cardFile, String source) {
    String detail = "Registered at startup from " + source + "; imported when loaded.";
    if (!Files.isRegularFile(cardFile)) {
      return new ModelFacts(
          ModelCardReader.baseName(file),
          ModelCard.UNVERSIONED,
          List.of(),
          List.of(),
          0,
          0,
          0,
          true,
          detail,
          null);
    }
    try {
      ModelCard card = ModelCardReader.read(cardFile);
      return new ModelFacts(
          card.name(),
          card.version(),
          card.labels(),
          card.cancerLabels(),
          card.input().height(),
          card.input().width(),
          card.input().channels(),
          true,
          detail,
          null);
    } catch (ModelCardException e) {
      return new ModelFacts(
          ModelCardReader.baseName(file),
          ModelCard.UNVERSIONED,
          List.of(),
          List.of(),
          0,
          0,
          0,
          true,
          detail + " Its card cannot be read: " + e.getMessage(),
          null);
    }
  }

  private String actorEmail() {
    return doctor.isSignedIn() ? doctor.get().getEmail() : "startup";
  }

  private void record(AuditAction action, Long id, Outcome outcome) {
    audit.record(AccountService.actorOf(doctor.get()), action, RESOURCE, id, outcome);
  }
}
