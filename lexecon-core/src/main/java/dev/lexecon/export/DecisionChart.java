package dev.lexecon.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Decisions over time by outcome, in at most {@value #MAX_BUCKETS} buckets of one of a ladder of
 * widths, each a multiple of the one before and aligned to the Unix epoch in UTC. Buckets start at
 * one second and widen (merging exactly) whenever the span of the data would need more, so the
 * result depends only on the timestamps, never on their order, and memory stays bounded.
 */
final class DecisionChart {
  static final int MAX_BUCKETS = 60;
  static final String[] OUTCOMES = {"approved", "conditional", "escalated", "denied", "other"};
  static final String[] COLORS = {"#2e7d32", "#f9a825", "#7b1fa2", "#c62828", "#78909c"};
  private static final long[] WIDTHS = {1, 5, 10, 30, 60, 300, 900, 1800, 3600, 3 * 3600,
      6 * 3600, 12 * 3600, 86400, 7 * 86400, 28 * 86400, 84 * 86400, 336 * 86400, 1680 * 86400,
      16800L * 86400};

  private int width;
  private final TreeMap<Long, long[]> buckets = new TreeMap<>();
  private final long[] totals = new long[OUTCOMES.length];
  private long decisions;

  void add(String timestamp, String outcome) {
    long second = Instant.parse(timestamp).getEpochSecond();
    int o = OUTCOMES.length - 1;
    for (int i = 0; i < OUTCOMES.length - 1; i++) {
      if (OUTCOMES[i].equals(outcome)) {
        o = i;
      }
    }
    buckets.computeIfAbsent(Math.floorDiv(second, WIDTHS[width]), k -> new long[OUTCOMES.length])[o]++;
    totals[o]++;
    decisions++;
    while (buckets.lastKey() - buckets.firstKey() + 1 > MAX_BUCKETS && width < WIDTHS.length - 1) {
      widen();
    }
  }

  private void widen() {
    long factor = WIDTHS[width + 1] / WIDTHS[width];
    TreeMap<Long, long[]> merged = new TreeMap<>();
    buckets.forEach((k, v) -> {
      long[] into = merged.computeIfAbsent(Math.floorDiv(k, factor), x -> new long[OUTCOMES.length]);
      for (int i = 0; i < v.length; i++) {
        into[i] += v[i];
      }
    });
    buckets.clear();
    buckets.putAll(merged);
    width++;
  }

  long decisions() {
    return decisions;
  }

  long total(int outcome) {
    return totals[outcome];
  }

  long widthSeconds() {
    return WIDTHS[width];
  }

  /** The first and last bucket index, or null without decisions. */
  long @org.jspecify.annotations.Nullable [] span() {
    return buckets.isEmpty() ? null : new long[] {buckets.firstKey(), buckets.lastKey()};
  }

  long[] counts(long bucket) {
    long[] c = buckets.get(bucket);
    return c == null ? new long[OUTCOMES.length] : c;
  }

  Instant start(long bucket) {
    return Instant.ofEpochSecond(bucket * WIDTHS[width]);
  }

  /** The bucket width in words: "1 hour", "7 days". */
  String widthText() {
    long w = WIDTHS[width];
    if (w % 86400 == 0) {
      return plural(w / 86400, "day");
    }
    if (w % 3600 == 0) {
      return plural(w / 3600, "hour");
    }
    if (w % 60 == 0) {
      return plural(w / 60, "minute");
    }
    return plural(w, "second");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }

  /** A bucket's start as the axis shows it, as precise as the width needs. */
  String label(long bucket) {
    long w = WIDTHS[width];
    String pattern = w >= 86400 ? "yyyy-MM-dd" : w >= 60 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss";
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC).format(start(bucket));
  }
}
