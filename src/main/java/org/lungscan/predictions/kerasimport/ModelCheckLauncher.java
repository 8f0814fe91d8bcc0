package org.lungscan.predictions.kerasimport;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code mvn -Pmodel-check} runs (through exec:java): starts {@link ModelCheck} in a JVM of
 * its own, with the project's runtime class path, and ends Maven with that JVM's exit code. Ending
 * Maven this way keeps it from printing anything after the check's last line (a failing exec:exec
 * adds an error block).
 */
public final class ModelCheckLauncher {

  private ModelCheckLauncher() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classPath());
    command.add(ModelCheck.class.getName());
    command.addAll(List.of(args));
    Process check = new ProcessBuilder(command).inheritIO().start();
    int code = check.waitFor();
    System.out.flush();
    // halt, not exit: Maven's shutdown hook would print a colour reset after the check's last line.
    Runtime.getRuntime().halt(code);
  }

  /**
   * exec:java loads the project through a URLClassLoader; outside Maven, the JVM's own class path.
   */
  private static String classPath() {
    ClassLoader loader = ModelCheckLauncher.class.getClassLoader();
    if (!(loader instanceof URLClassLoader)) {
      return System.getProperty("java.class.path");
    }
    List<String> entries = new ArrayList<>();
    for (URL url : ((URLClassLoader) loader).getURLs()) {
      try {
        entries.add(Paths.get(url.toURI()).toString());
      } catch (URISyntaxException | IllegalArgumentException e) {
        entries.add(url.getPath());
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
