package dev.lexecon.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the published test vectors in {@code shared/testdata/vectors}, which live outside the
 * project and are never copied into it. Tests read them at run time and are skipped, with a
 * message naming the missing path, on machines that do not have them.
 *
 * <p>The folder is searched for in the working directory and each of its ancestors, so the
 * lookup works from the module directory (where Maven runs tests), from the repository root and
 * from a git worktree next to the shared folder.
 */
public final class SharedVectors {
  private static final String ROOT = "shared/testdata/vectors";

  private SharedVectors() {}

  /**
   * Returns {@code shared/testdata/vectors/<relative>}, or aborts the calling test (reported as
   * skipped) when no ancestor of the working directory has it.
   */
  public static Path require(String relative) {
    Optional<Path> found = find(relative);
    Assumptions.assumeTrue(
        found.isPresent(),
        () ->
            "Skipped: shared test vectors not found; looked for "
                + ROOT
                + "/"
                + relative
                + " in "
                + workingDirectory()
                + " and every directory above it");
    return found.orElseThrow();
  }

  /** Returns {@code shared/testdata/vectors/<relative>} if some ancestor of the cwd has it. */
  public static Optional<Path> find(String relative) {
    for (Path dir = workingDirectory(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(ROOT).resolve(relative).normalize();
      if (Files.exists(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Path workingDirectory() {
    return Path.of("").toAbsolutePath().normalize();
  }
}
