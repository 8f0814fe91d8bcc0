package org.lungscan.models;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lungscan.platform.Settings;
import org.lungscan.predictions.inference.ModelCardReader;

/**
 * The registry's files: each model in a folder of its own under {@code lungscan.models.dir}, with
 * its card beside it as {@code NAME.card.json}, where the engine looks for it.
 */
@ApplicationScoped
public class ModelStore {

  private static final Logger LOG = Logger.getLogger(ModelStore.class.getName());

  @Inject
  @ConfigProperty(name = "lungscan.models.dir")
  Optional<String> configuredRoot;

  Path root() {
    return configuredRoot
        .filter(s -> !s.isBlank())
        .map(Path::of)
        .orElseGet(() -> Settings.dataDirectory().resolve("models"))
        .toAbsolutePath()
        .normalize();
  }

  Path fileOf(RegisteredModel model) {
    return root().resolve(model.getFolder()).resolve(model.getFileName());
  }

  /** A new empty folder for one model. */
  Path newFolder() {
    try {
      return Files.createDirectories(root().resolve(UUID.randomUUID().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder under " + root(), e);
    }
  }

  /** Copies {@code content} into {@code target}, hashing it on the way. */
  static StoredModelFile write(InputStream content, Path target) throws IOException {
    MessageDigest sha256 = sha256();
    try (InputStream in = new DigestInputStream(content, sha256)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return new StoredModelFile(
        target.getParent().getFileName().toString(),
        target.getFileName().toString(),
        HexFormat.of().formatHex(sha256.digest()),
        Files.size(target));
  }

  /** Where the card of the model file {@code model} goes. */
  static Path cardOf(Path model) {
    return ModelCardReader.cardFileFor(model);
  }

  /** Removes a model's folder; logs rather than fails, the row being what counts. */
  void deleteFolder(Path folder) {
    if (folder == null || !folder.startsWith(root())) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(ModelStore::deleteQuietly);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not remove " + folder, e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not remove " + path, e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A file name safe on every file system, from the name the uploader gave: the base name's
   * letters, digits, dots, dashes and underscores, and the extension the file's content calls for.
   */
  static String safeName(String original, String extension) {
    String base = original == null ? "" : original.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    int dot = base.lastIndexOf('.');
    base = (dot > 0 ? base.substring(0, dot) : base).replaceAll("[^A-Za-z0-9_-]", "_");
    if (base.isEmpty() || base.chars().allMatch(c -> c == '_')) {
      base = "model";
    }
    return (base.length() > 80 ? base.substring(0, 80) : base) + extension;
  }
}
