package dev.lexecon.domain.finance;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

/**
 * Which dates an exchange trades on, in the exchange's own time zone. The finance plugin asks it
 * for the exchange-local date of every order; supply one backed by your exchange's published
 * holiday list. Implementations must be thread-safe and must not do I/O per call: load holidays
 * once, answer from memory.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TradingCalendar {

  /** Whether the exchange trades on {@code date} (exchange-local). */
  boolean isTradingDay(LocalDate date);

  /** Monday to Friday, with no holidays: the default. */
  static TradingCalendar weekdays() {
    return date -> isWeekday(date);
  }

  /**
   * Monday to Friday except the given holidays, for example New Year's Day and Thanksgiving for
   * NYSE. The set is copied.
   */
  static TradingCalendar weekdaysExcept(Collection<LocalDate> holidays) {
    Set<LocalDate> closed = Set.copyOf(holidays);
    return date -> isWeekday(date) && !closed.contains(date);
  }

  private static boolean isWeekday(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
  }
}
