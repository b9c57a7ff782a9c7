package dev.lexecon.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the shared public conformance vectors ({@code shared/testdata/vectors}) that live beside
 * the project, not inside it: they are read at run time and never copied in. A test whose vectors
 * are absent is skipped, not failed, with a message that says where they were looked for.
 */
public final class SharedVectors {
  private static final Path VECTORS = Path.of("shared", "testdata", "vectors");

  private SharedVectors() {}

  /**
   * Returns the path of {@code relativePath} inside {@code shared/testdata/vectors}, looking in
   * the working directory and each of its ancestors, and beside each ancestor ({@code
   * <ancestor>/../shared/...}); skips the calling test if it is nowhere.
   */
  public static Path require(String relativePath) {
    Path start = Path.of("").toAbsolutePath().normalize();
    List<Path> tried = new ArrayList<>();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      for (Path base : candidates(dir)) {
        Path candidate = base.resolve(VECTORS).resolve(relativePath).normalize();
        tried.add(candidate);
        if (Files.isRegularFile(candidate) || Files.isDirectory(candidate)) {
          return candidate;
        }
      }
    }
    Assumptions.assumeTrue(
        false,
        "shared test vector "
            + relativePath
            + " not found; looked for "
            + VECTORS.resolve(relativePath)
            + " from "
            + start
            + " upwards (first tried "
            + tried.get(0)
            + ")");
    throw new AssertionError("unreachable");
  }

  private static List<Path> candidates(Path dir) {
    List<Path> bases = new ArrayList<>(2);
    bases.add(dir);
    if (dir.getParent() != null) {
      bases.add(dir.resolve(".."));
    }
    return bases;
  }
}
