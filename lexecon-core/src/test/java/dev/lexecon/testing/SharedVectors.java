package dev.lexecon.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the public conformance vectors in {@code shared/testdata/vectors}, which live outside the
 * project and are never copied into it. Tests that need them are skipped, not failed, where the
 * folder is absent.
 */
public final class SharedVectors {
  private static final Path VECTORS = Paths.get("shared", "testdata", "vectors");

  private SharedVectors() {}

  /**
   * Returns {@code shared/testdata/vectors/<relativePath>} found by walking up from the working
   * directory (checking {@code <ancestor>/shared/...} and {@code <ancestor>/../shared/...}), or
   * skips the calling test when no ancestor has it.
   */
  public static Path require(String relativePath) {
    Path start = Paths.get("").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      for (Path base : new Path[] {dir, dir.resolve("..")}) {
        Path candidate = base.resolve(VECTORS).resolve(relativePath).normalize();
        if (Files.exists(candidate)) {
          return candidate;
        }
      }
    }
    Assumptions.assumeTrue(
        false,
        "shared test vectors not found: no " + VECTORS.resolve(relativePath) + " above " + start);
    throw new IllegalStateException("unreachable: the assumption above aborts the test");
  }
}
