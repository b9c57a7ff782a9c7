package dev.lexecon.benchmarks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * How fast the disk under a directory makes a small write durable: what a {@code synchronous=FULL}
 * commit of the SQLite ledger waits for, and so the floor under {@code SYNC} and {@code GROUP}
 * latency. Not a JMH benchmark: a plain main that prints percentiles of {@code fdatasync} ({@link
 * FileChannel#force force(false)}) after writing {@code size} bytes, in two modes:
 *
 * <ul>
 *   <li>{@code overwrite}: into blocks the file already has, as SQLite's log after it was rewound;
 *   <li>{@code append}: at the end of a growing file, as a log that was not rewound (the sync must
 *       also commit the new file size to the file system's journal).
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.lexecon.benchmarks.FsyncProbe [dir] [count] [size]
 * </pre>
 *
 * Defaults: the temporary directory, 2,000 syncs, 16 KiB (about a {@code GROUP} batch of ten
 * decisions). Run it next to {@code SqliteDecideBenchmark}; record the load average with it.
 */
public final class FsyncProbe {
  private FsyncProbe() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 16 << 10;
    for (boolean overwrite : new boolean[] {true, false}) {
      Path file = Files.createTempFile(dir, "lexecon-fsync-probe-", ".dat");
      try {
        System.out.println(probe(file, count, size, overwrite));
      } finally {
        Files.deleteIfExists(file);
      }
    }
  }

  static String probe(Path file, int count, int size, boolean overwrite) throws IOException {
    ByteBuffer block = ByteBuffer.allocateDirect(size);
    long[] nanos = new long[count];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      if (overwrite) {
        for (int i = 0; i < count; i++) {
          block.clear();
          ch.write(block, (long) i * size);
        }
        ch.force(true);
      }
      long start = System.nanoTime();
      for (int i = 0; i < count; i++) {
        block.clear();
        ch.write(block, (long) i * size);
        long t = System.nanoTime();
        ch.force(false);
        nanos[i] = System.nanoTime() - t;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      Arrays.sort(nanos);
      return String.format(Locale.ROOT,
          "%-9s %d x %d B: fdatasync p50 %.2f ms, p90 %.2f, p99 %.2f, p99.9 %.2f, max %.2f; %.0f syncs/s",
          overwrite ? "overwrite" : "append", count, size, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99),
          ms(nanos, 0.999), nanos[count - 1] / 1e6, count / seconds);
    }
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
  }
}
