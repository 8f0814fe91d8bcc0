package org.lungscan.predictions.kerasimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model check's logic, run in-process: its exit code and its last line. */
class ModelCheckTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private int check(String... args) {
    return ModelCheck.run(
        args, new PrintStream(printed, true, StandardCharsets.UTF_8), KerasCorpus.root());
  }

  private List<String> lines() {
    return printed.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private String lastLine() {
    List<String> lines = lines();
    return lines.get(lines.size() - 1);
  }

  @Test
  void corpusModelMatchesItsRecordedOutputs() {
    int code =
        check(
            "--model=keras3/with_rescaling.keras",
            "--input=keras3/with_rescaling.input.npy",
            "--expected=keras3/with_rescaling.output.npy");

    assertEquals(ModelCheck.OK, code, printed::toString);
    assertTrue(lastLine().startsWith("max_abs_diff="), lastLine());
    assertTrue(Double.parseDouble(lastLine().substring("max_abs_diff=".length())) <= 1e-4);
    assertTrue(
        lines().contains("input_shape: 64x64x1 (height x width x channels)"), printed::toString);
    assertTrue(lines().contains("  rescaling: Rescaling"), printed::toString);
  }

  @Test
  void severalOutputsAreFoundFromTheFirstFile() {
    int code =
        check(
            "--model=keras2/12net.h5",
            "--input=keras2/12net.input.npy",
            "--expected=keras2/12net.output_0.npy",
            "--tolerance=1e-3");

    assertEquals(ModelCheck.OK, code, printed::toString);
    assertTrue(
        lines().stream().anyMatch(l -> l.startsWith("  output_1 max_abs_diff: ")),
        printed::toString);
    assertTrue(lastLine().startsWith("max_abs_diff="), lastLine());
  }

  @Test
  void modelWithoutInputIsOnlyImported() {
    int code = check("--model=keras2/cnn_batch_norm.h5", "--input=", "--expected=");

    assertEquals(ModelCheck.OK, code, printed::toString);
    assertEquals("import_ok", lastLine());
  }

  @Test
  void outputsOverTheToleranceFail() throws IOException {
    Path wrong = dir.resolve("wrong.output.npy");
    Npy.write(
        wrong, Npy.read(KerasCorpus.root().resolve("keras2/cnn_batch_norm.output.npy")).add(1.0));

    int code =
        check(
            "--model=keras2/cnn_batch_norm.h5",
            "--input=keras2/cnn_batch_norm.input.npy",
            "--expected=" + wrong);

    assertEquals(ModelCheck.TOO_DIFFERENT, code, printed::toString);
    assertTrue(lastLine().startsWith("max_abs_diff=1.0"), lastLine());
  }

  @Test
  void badModelFileFailsWithReason() throws IOException {
    Path bad = dir.resolve("broken.h5");
    Files.writeString(bad, "this is no HDF5 file");

    int code = check("--model=" + bad);

    assertEquals(ModelCheck.IMPORT_FAILED, code, printed::toString);
    assertTrue(lastLine().startsWith("import_failed="), lastLine());
    assertTrue(lastLine().contains("broken.h5"), lastLine());
  }

  @Test
  void missingModelArgumentIsReported() {
    int code = check("--model=");

    assertEquals(ModelCheck.CHECK_FAILED, code);
    assertTrue(lastLine().startsWith("check_failed="), lastLine());
  }
}
