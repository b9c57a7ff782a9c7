package dev.lexecon.compliance;

import dev.lexecon.api.compliance.LegalHold;
import dev.lexecon.api.compliance.RetainedRecord;
import dev.lexecon.api.compliance.RetentionClass;
import dev.lexecon.api.compliance.RetentionDecision;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Says whether a ledger record may be deleted, and from when: never before the longest retention
 * that applies to it, and never while a legal hold in force names one of its decisions.
 *
 * <p>The classes that apply to a record are the policy's default class (standard, or high risk for
 * a high-risk AI system), the classes configured for its event type, and the classes the record
 * itself carries. Periods are counted in whole calendar days of the policy's zone, as {@link
 * RetentionClass} explains: a record is deletable from midnight after the day its longest period
 * ends.
 *
 * <p>Immutable and thread-safe; time comes only from the configured {@link Clock}.
 *
 * @since 0.1
 */
public final class RetentionPolicy {
  private final Clock clock;
  private final ZoneId zone;
  private final RetentionClass defaultClass;
  private final Map<String, List<RetentionClass>> eventTypeClasses;

  private RetentionPolicy(Builder b) {
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.zone = b.zone == null ? ZoneOffset.UTC : b.zone;
    RetentionClass standard = b.standard == null ? RetentionClass.STANDARD : b.standard;
    RetentionClass highRisk = b.highRisk == null ? RetentionClass.HIGH_RISK : b.highRisk;
    this.defaultClass = b.highRiskSystem ? highRisk : standard;
    Map<String, List<RetentionClass>> byType = new LinkedHashMap<>();
    b.eventTypeClasses.forEach((type, classes) -> byType.put(type, List.copyOf(classes)));
    this.eventTypeClasses = Collections.unmodifiableMap(byType);
  }

  /** Starts a policy: standard retention of 6 months, UTC, the system clock. */
  public static Builder builder() {
    return new Builder();
  }

  /** The class every record gets: standard, or high risk for a high-risk AI system. */
  public RetentionClass defaultClass() {
    return defaultClass;
  }

  /** The classes configured per event type, beyond the default class. */
  public Map<String, List<RetentionClass>> eventTypeClasses() {
    return eventTypeClasses;
  }

  /** The zone whose calendar days retention periods are counted in. */
  public ZoneId zone() {
    return zone;
  }

  /**
   * Whether {@code record} may be deleted now, and from when.
   *
   * @param record the record
   * @param holds the legal holds to consider (released ones and ones for other decisions are
   *     ignored)
   */
  public RetentionDecision evaluate(RetainedRecord record, Collection<LegalHold> holds) {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(holds, "holds");
    Instant now = clock.instant();
    Set<RetentionClass> classes = new LinkedHashSet<>();
    classes.add(defaultClass);
    classes.addAll(eventTypeClasses.getOrDefault(record.eventType(), List.of()));
    classes.addAll(record.classes());
    List<RetentionClass> applicable = new ArrayList<>(classes);
    applicable.sort(Comparator.comparing(RetentionClass::name)
        .thenComparing(c -> c.retention().toString()));

    Instant start = record.retentionStart();
    RetentionClass governing = applicable.get(0);
    Instant retainUntil = end(start, governing.retention());
    Instant availableUntil = start;
    for (RetentionClass c : applicable) {
      Instant until = end(start, c.retention());
      if (until.isAfter(retainUntil)) {
        retainUntil = until;
        governing = c;
      }
      Instant available = end(start, c.immediatelyAvailable());
      if (available.isAfter(availableUntil)) {
        availableUntil = available;
      }
    }

    List<LegalHold> blocking = new ArrayList<>();
    for (LegalHold h : holds) {
      if (h.inForceAt(now) && h.covers(record.decisionIds())) {
        blocking.add(h);
      }
    }
    return new RetentionDecision(now, retainUntil, governing, applicable, availableUntil, blocking);
  }

  /**
   * The first instant after {@code period} counted from the day of {@code start}: midnight after
   * the day with the same date in the last month or year, or after the month's last day when that
   * date does not exist (Regulation (EEC, Euratom) No 1182/71, Art. 3(2)(c)). {@link
   * LocalDate#plus} already clamps 31 August + 6 months to the end of February.
   */
  Instant end(Instant start, Period period) {
    if (period.isZero()) {
      return start;
    }
    LocalDate last = LocalDate.ofInstant(start, zone).plus(period);
    return last.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /**
   * Configures a {@link RetentionPolicy}. Each setter checks its argument at once; {@link #build()}
   * returns an immutable policy. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private @Nullable Clock clock;
    private @Nullable ZoneId zone;
    private @Nullable RetentionClass standard;
    private @Nullable RetentionClass highRisk;
    private boolean highRiskSystem;
    private final Map<String, Set<RetentionClass>> eventTypeClasses = new LinkedHashMap<>();

    private Builder() {}

    /** The clock that says what "now" is; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      if (this.clock != null) {
        throw new IllegalStateException("clock was already set to " + this.clock);
      }
      this.clock = clock;
      return this;
    }

    /** The zone whose calendar days periods are counted in; UTC by default. */
    public Builder zone(ZoneId zone) {
      Objects.requireNonNull(zone, "zone");
      if (this.zone != null) {
        throw new IllegalStateException("zone was already set to " + this.zone);
      }
      this.zone = zone;
      return this;
    }

    /**
     * The standard retention, 6 months by default. Shorter than 6 months no longer meets the AI
     * Act's minimum for logs (Art. 19(1), Art. 26(6)) where the Act applies.
     */
    public Builder standardRetention(Period retention) {
      if (this.standard != null) {
        throw new IllegalStateException(
            "standard retention was already set to " + this.standard.retention());
      }
      this.standard = new RetentionClass(RetentionClass.STANDARD.name(), retention, Period.ZERO,
          RetentionClass.STANDARD.rule());
      return this;
    }

    /** The retention of a high-risk AI system's records, 10 years by default. */
    public Builder highRiskRetention(Period retention) {
      if (this.highRisk != null) {
        throw new IllegalStateException(
            "high-risk retention was already set to " + this.highRisk.retention());
      }
      this.highRisk = new RetentionClass(RetentionClass.HIGH_RISK.name(), retention, Period.ZERO,
          RetentionClass.HIGH_RISK.rule());
      return this;
    }

    /**
     * Marks the governed system as a high-risk AI system: every record then gets the high-risk
     * class instead of the standard one.
     */
    public Builder highRiskSystem(boolean highRisk) {
      this.highRiskSystem = highRisk;
      return this;
    }

    /** Applies {@code classes} to every record of {@code eventType}, on top of the default. */
    public Builder retain(String eventType, RetentionClass... classes) {
      Objects.requireNonNull(eventType, "eventType");
      if (eventType.isBlank()) {
        throw new IllegalArgumentException("event type must not be blank");
      }
      if (classes.length == 0) {
        throw new IllegalArgumentException("no retention class given for " + eventType);
      }
      Set<RetentionClass> set = eventTypeClasses.computeIfAbsent(eventType,
          t -> new LinkedHashSet<>());
      for (RetentionClass c : classes) {
        set.add(Objects.requireNonNull(c, "retention class"));
      }
      return this;
    }

    /** Builds the immutable policy; the builder may go on to build others. */
    public RetentionPolicy build() {
      return new RetentionPolicy(this);
    }
  }
}
