package dev.lexecon.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("FsyncProbe")
class FsyncProbeTest {
  @TempDir Path dir;

  @Test
  @DisplayName("reports fdatasync percentiles for both modes and leaves its file's size as written")
  void reportsPercentiles() throws Exception {
    Path file = dir.resolve("probe.dat");
    Files.createFile(file);
    for (boolean overwrite : new boolean[] {true, false}) {
      String line = FsyncProbe.probe(file, 20, 4096, overwrite);
      assertThat(line)
          .startsWith(overwrite ? "overwrite" : "append")
          .contains("20 x 4096 B", "p50", "p99.9", "syncs/s");
      assertThat(Files.size(file)).isEqualTo(20 * 4096);
    }
  }
}
