package dev.lexecon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.export.ExportFormat;
import dev.lexecon.api.export.ExportInclude;
import dev.lexecon.api.export.ExportScope;
import dev.lexecon.ledger.LedgerVerifier;
import dev.lexecon.export.AuditReportVerifier;
import dev.lexecon.testing.MutableClock;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Renders the HTML audit report in headless Chromium (Debian's {@code chromium} package, which
 * {@code .ci/run} installs) and checks the screenshot: the report must load from a file with no
 * network, draw its chart and fill the page. The report and the screenshot stay in {@code
 * target/html-report/} for a human to look at.
 *
 * <p>Without Chromium the test is skipped, with a message, unless {@code CI=true}: there it fails,
 * because CI promises to run it.
 */
@DisplayName("The HTML audit report in a browser")
class ExportHtmlRenderTest {

  static Optional<Path> chromium() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "chromium");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  @Test
  @DisplayName("headless Chromium renders the report offline into a full-page screenshot with the chart's colours")
  void rendersInChromium() throws Exception {
    Optional<Path> chromium = chromium();
    if (chromium.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        fail("chromium is not on the PATH, and CI=true promises this test runs: install Debian's"
            + " chromium package (.ci/run does when it is missing)");
      }
      Assumptions.abort("Skipped: chromium is not on the PATH (apt-get install -y chromium); CI=true"
          + " would make this a failure");
    }
    Path out = Path.of("target", "html-report").toAbsolutePath();
    Files.createDirectories(out);
    Map<ExportFormat, Path> files = report(out);
    Path html = files.get(ExportFormat.HTML);
    Path png = out.resolve("audit-report.png");
    Files.deleteIfExists(png);
    Path profile = Files.createTempDirectory(out, "chromium-profile-");

    List<String> command = List.of(chromium.get().toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--screenshot=" + png, "--window-size=1280,2000", html.toUri().toString());
    Path log = out.resolve("chromium.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      fail("chromium did not finish within 180 s; its output:%n%s", Files.readString(log));
    }
    assertThat(Files.exists(png)).as("screenshot %s; chromium said:%n%s", png, Files.readString(log)).isTrue();
    assertThat(Files.size(png)).as("screenshot size").isGreaterThan(20_000);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isEqualTo(2000);
    Set<Integer> colours = new HashSet<>();
    int[] chart = {0x2e7d32, 0xc62828, 0x7b1fa2, 0xf9a825};
    int[] chartPixels = new int[chart.length];
    int header = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        for (int i = 0; i < chart.length; i++) {
          if (rgb == chart[i]) {
            chartPixels[i]++;
          }
        }
        if (y < 60 && rgb == 0x102a43) {
          header++;
        }
      }
    }
    assertThat(colours).as("distinct colours: text, tables and chart were drawn").hasSizeGreaterThan(100);
    assertThat(header).as("pixels of the dark header band").isGreaterThan(5_000);
    for (int i = 0; i < chart.length; i++) {
      assertThat(chartPixels[i]).as("pixels of chart colour %06x", chart[i]).isGreaterThan(20);
    }
    deleteRecursively(profile);
  }

  /** A quarter of governed decisions, spread over the weeks so the chart has something to show. */
  static Map<ExportFormat, Path> report(Path dir) throws Exception {
    MutableClock clock = MutableClock.startingAt(GovernedLedger.Q_START);
    try (Lexecon lexecon = GovernedLedger.builder(clock).build()) {
      GovernedLedger.populate(lexecon, clock);
      List<DecisionRequest> requests = new ArrayList<>(LexeconLedgerTest.requests());
      for (int day = 0; day < 80; day++) {
        for (int i = 0; i < 3 + (day * 7) % 11; i++) {
          clock.set(GovernedLedger.Q_START.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(30L * i + 7)));
          lexecon.decide(requests.get((day + i) % requests.size()));
        }
      }
      lexecon.ledger().checkpoint();
      clock.set(GovernedLedger.Q_END);
      Map<ExportFormat, Path> files = lexecon.compliance().exportFiles(dir, "audit-report",
          ExportScope.all(), Set.of(ExportInclude.PAYLOADS), Set.of(ExportFormat.HTML));
      LedgerVerifier pinned = LedgerVerifier.create().trusting(lexecon.ledger().checkpointKey());
      // the file the browser renders verifies on its own
      assertThat(AuditReportVerifier.of(pinned).verify(files.get(ExportFormat.HTML)).valid()).isTrue();
      return files;
    }
  }

  private static void deleteRecursively(Path dir) throws Exception {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
