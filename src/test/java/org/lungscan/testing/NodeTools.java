package org.lungscan.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The outside checkers the tests run (axe-core, Redocly's linter), installed from npm at the
 * versions {@code src/test/npm/package-lock.json} pins, into {@code target/npm} once: {@code npm
 * ci} runs again only when the lock file changed.
 */
public final class NodeTools {

  private static final Path SOURCE = Path.of("src", "test", "npm");
  private static final Path HOME = Path.of("target", "npm").toAbsolutePath();

  private NodeTools() {}

  /** The installed tools' directory, installing them first if needed. */
  public static synchronized Path home() {
    try {
      Path lock = SOURCE.resolve("package-lock.json");
      Path installedLock = HOME.resolve("package-lock.json");
      if (Files.isDirectory(HOME.resolve("node_modules"))
          && Files.exists(installedLock)
          && Files.mismatch(lock, installedLock) == -1) {
        return HOME;
      }
      Files.createDirectories(HOME);
      Files.copy(
          SOURCE.resolve("package.json"),
          HOME.resolve("package.json"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.copy(lock, installedLock, StandardCopyOption.REPLACE_EXISTING);
      Result install =
          exec(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), 300);
      if (install.exitCode() != 0) {
        throw new IllegalStateException("npm ci failed:\n" + install.output());
      }
      return HOME;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file of an installed package, e.g. {@code axe-core/axe.min.js}. */
  public static Path module(String path) {
    return home().resolve("node_modules").resolve(path);
  }

  /** Runs a command in the tools' directory and answers its exit code and output. */
  public static Result run(List<String> command, int timeoutSeconds) {
    home();
    return exec(command, timeoutSeconds);
  }

  private static Result exec(List<String> command, int timeoutSeconds) {
    try {
      Path output = Files.createTempFile("node-tool", ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(HOME.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not end within " + timeoutSeconds + " s");
      }
      Result result = new Result(process.exitValue(), Files.readString(output));
      Files.delete(output);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Result(int exitCode, String output) {}
}
