package org.lungscan.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.lungscan.predictions.kerasimport.BenchmarkCnnFile;
import org.lungscan.testing.Api;
import org.lungscan.testing.Multipart;

/** The models the model benchmark uploads, with their cards, and the scans it reviews. */
final class CandidateModels {

  static final Path DEMO_CARD = Path.of("models", "lungscan-demo.card.json");
  private static final Path REFERENCE = Path.of("models", "reference");
  private static final String[] REFERENCE_SCANS = {
    "normal-1",
    "normal-2",
    "benign_nodule-1",
    "benign_nodule-2",
    "malignant_nodule-1",
    "malignant_nodule-2"
  };

  private CandidateModels() {}

  /** A model to upload: what it is, and its upload body for round {@code round}. */
  interface Candidate {
    String name();

    Multipart upload(int round) throws IOException;
  }

  /** The demo model's weights saved as {@code .keras}, under another version each round. */
  static Candidate demoWeights() {
    return candidate(
        "demo weights (.keras, 0.1 MB)",
        round ->
            new Multipart()
                .file(
                    "model",
                    "lungscan-demo.keras",
                    "application/zip",
                    Files.readAllBytes(Path.of("models", "lungscan-demo.keras")))
                .file("card", "card.json", "application/json", demoCard("2.0." + round)));
  }

  /** Keras 3's own 3.4 MB CNN of the shared corpus, if the corpus is there. */
  static List<Candidate> realKeras(Path corpus) {
    Path file = corpus.resolve("keras3").resolve("lung_cnn_sigmoid.h5");
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    String size = String.format(java.util.Locale.ROOT, "%.1f MB", file.toFile().length() / 1e6);
    return List.of(
        candidate(
            "Keras 3 CNN (.h5, " + size + ")",
            round ->
                new Multipart()
                    .file(
                        "model",
                        "lung_cnn_sigmoid.h5",
                        "application/x-hdf5",
                        Files.readAllBytes(file))
                    .file(
                        "card",
                        "card.json",
                        "application/json",
                        card("keras3-cnn", "1." + round, "sigmoid", 128, 1))));
  }

  /**
   * A VGG-style CNN for 224 x 224 RGB scans, 5.1 million parameters (the inference benchmark's),
   * written once into {@code directory}: big enough that its networks' native memory shows.
   */
  static Candidate large(Path directory) throws IOException {
    Path file = directory.resolve("large-cnn.h5");
    if (!Files.isRegularFile(file)) {
      Files.createDirectories(directory);
      BenchmarkCnnFile.write(file);
    }
    String size = String.format(java.util.Locale.ROOT, "%.1f MB", file.toFile().length() / 1e6);
    return candidate(
        "large CNN (.h5, " + size + ", 5.1 M parameters)",
        round ->
            new Multipart()
                .file("model", "large-cnn.h5", "application/x-hdf5", Files.readAllBytes(file))
                .file(
                    "card",
                    "card.json",
                    "application/json",
                    card("large-cnn", "1." + round, "softmax", 224, 3)));
  }

  @FunctionalInterface
  private interface Body {
    Multipart of(int round) throws IOException;
  }

  private static Candidate candidate(String name, Body body) {
    return new Candidate() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Multipart upload(int round) throws IOException {
        return body.of(round);
      }
    };
  }

  private static byte[] demoCard(String version) throws IOException {
    return Files.readString(DEMO_CARD)
        .replace("\"version\": \"1.0.0\"", "\"version\": \"" + version + "\"")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Two labels, the second the cancer one, for a square model of {@code channels} channels. */
  private static byte[] card(String name, String version, String output, int size, int channels)
      throws IOException {
    JsonObject demo;
    try (var reader = Json.createReader(Files.newBufferedReader(DEMO_CARD))) {
      demo = reader.readObject();
    }
    return Api.json(
            Json.createObjectBuilder(demo)
                .add("name", name)
                .add("version", version)
                .add("demo", false)
                .add("output", output)
                .add("labels", Json.createArrayBuilder().add("normal").add("malignant_nodule"))
                .add("cancer_labels", Json.createArrayBuilder().add("malignant_nodule"))
                .add(
                    "input",
                    Json.createObjectBuilder()
                        .add("height", size)
                        .add("width", size)
                        .add("channels", channels))
                .add(
                    "preprocessing",
                    Json.createObjectBuilder(demo.getJsonObject("preprocessing"))
                        .add("color", channels == 3 ? "rgb" : "grayscale")))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code count} different scans: the six reference scans in turn, each shifted, maybe mirrored,
   * and with noise of its own, as PNG.
   */
  static List<byte[]> scans(int count) {
    List<byte[]> scans = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        BufferedImage reference =
            ImageIO.read(
                REFERENCE.resolve(REFERENCE_SCANS[i % REFERENCE_SCANS.length] + ".png").toFile());
        scans.add(png(varied(reference, new Random(i))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return scans;
  }

  /** The reference finding of scan {@code i} of {@link #scans}. */
  static String findingOf(int i) {
    return REFERENCE_SCANS[i % REFERENCE_SCANS.length].replaceAll("-\\d$", "");
  }

  private static BufferedImage varied(BufferedImage reference, Random random) {
    int width = reference.getWidth();
    int height = reference.getHeight();
    int dx = random.nextInt(7) - 3;
    int dy = random.nextInt(7) - 3;
    boolean mirrored = random.nextBoolean();
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int sx = Math.floorMod((mirrored ? width - 1 - x : x) + dx, width);
        int sy = Math.floorMod(y + dy, height);
        int grey = reference.getRaster().getSample(sx, sy, 0) + random.nextInt(13) - 6;
        out.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, grey)));
      }
    }
    return out;
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }
}
