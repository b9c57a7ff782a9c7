package dev.lexecon.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a test's main class on the caller's class path, with its stdout collected in
 * the background (so a chatty child never blocks on a full pipe) and its stderr in a file for
 * diagnostics. The crash (SIGKILL) and multi-process tests of every storage module use it. Not
 * thread-safe beyond what its methods document; one test drives one instance.
 *
 * @since 0.1
 */
public final class ChildJvm {
  private final Process process;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final Thread pump;
  private final Path stderr;

  private ChildJvm(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.pump = new Thread(() -> {
      try (InputStream in = process.getInputStream()) {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
          synchronized (stdout) {
            stdout.write(buffer, 0, n);
          }
        }
      } catch (IOException ignored) {
        // the child died; what was read so far is all there is
      }
    }, "child-stdout");
    pump.setDaemon(true);
    pump.start();
  }

  public static ChildJvm start(Path workDir, List<String> jvmOptions, Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(Arrays.asList(args));
    Path stderr = Files.createTempFile(workDir, "child-", ".stderr");
    Process process = new ProcessBuilder(command)
        .redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .start();
    return new ChildJvm(process, stderr);
  }

  /** Complete lines printed so far; a line the child was killed in the middle of is left out. */
  public List<String> lines() {
    String text;
    synchronized (stdout) {
      text = stdout.toString(StandardCharsets.UTF_8);
    }
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
  }

  /** Kills the child with SIGKILL (on Linux) and waits for it and its output. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    pump.join(TimeUnit.SECONDS.toMillis(30));
  }

  /** Waits for a normal exit and returns the exit code, killing the child after {@code seconds}. */
  public int await(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      kill();
      throw new AssertionError("child did not finish within " + seconds + " s; stderr:\n" + stderr());
    }
    pump.join(TimeUnit.SECONDS.toMillis(30));
    return process.exitValue();
  }

  /** Waits until the child printed {@code line}; fails if it exits or {@code seconds} pass first. */
  public void awaitLine(String line, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!lines().contains(line)) {
      if (!process.isAlive()) {
        throw new AssertionError("child exited before printing '" + line + "'; stderr:\n" + stderr());
      }
      if (System.nanoTime() > deadline) {
        kill();
        throw new AssertionError("child did not print '" + line + "' within " + seconds + " s; stderr:\n" + stderr());
      }
      Thread.sleep(10);
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String stderr() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
