package dev.lexecon.oversight;

import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.ledger.Redactable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Writing and reading the members of oversight payloads. Principal ids and free texts a person
 * typed are personal data: they go in as {@link Redactable} (salted commitments) and come back
 * from the entry's side record, or as {@code null} once erased.
 */
final class Fields {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final LedgerEntry entry;
  private final Map<String, @Nullable Object> p;

  Fields(LedgerEntry entry) {
    this.entry = entry;
    this.p = entry.payload();
  }

  // ---- writing ----

  static String time(Instant instant) {
    return TIME.format(instant.truncatedTo(ChronoUnit.MICROS));
  }

  static Redactable person(String id) {
    return Redactable.of(id);
  }

  static List<String> roleNames(Set<Role> roles) {
    TreeSet<String> names = new TreeSet<>();
    roles.forEach(r -> names.add(r.name()));
    return List.copyOf(names);
  }

  /** Puts {@code by} (committed) and {@code roles} (clear) for the acting principal. */
  static void actor(Map<String, Object> payload, Principal principal) {
    payload.put("by", person(principal.id()));
    payload.put("roles", roleNames(principal.roles()));
  }

  // ---- reading ----

  LedgerEntry entry() {
    return entry;
  }

  boolean has(String key) {
    return p.get(key) != null;
  }

  String text(String key) {
    if (!(p.get(key) instanceof String s)) {
      throw new IllegalArgumentException(entry.entryId() + ": member '" + key + "' must be a string");
    }
    return s;
  }

  @Nullable String optText(String key) {
    return p.get(key) instanceof String s ? s : null;
  }

  /** A member that may be committed: its value in the clear, from the side record, or null. */
  @Nullable String opened(String key) {
    return open(p.get(key), "/payload/" + key);
  }

  /** A list whose elements may be committed. */
  List<@Nullable String> openedList(String key) {
    List<@Nullable String> out = new ArrayList<>();
    if (p.get(key) instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        out.add(open(list.get(i), "/payload/" + key + "/" + i));
      }
    }
    return out;
  }

  /** A possibly committed value found at {@code pointer} (RFC 6901, from the entry root). */
  @Nullable String open(@Nullable Object recorded, String pointer) {
    if (recorded instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("commitment")) {
      return entry.personalData().get(pointer) instanceof String s ? s : null;
    }
    return recorded instanceof String s ? s : null;
  }

  Instant instant(String key) {
    return Instant.parse(text(key));
  }

  @Nullable Instant optInstant(String key) {
    String s = optText(key);
    return s == null ? null : Instant.parse(s);
  }

  long number(String key) {
    Object v = p.get(key);
    if (v instanceof Number n) {
      return n.longValue();
    }
    if (v instanceof String s) {
      return Long.parseLong(s);
    }
    throw new IllegalArgumentException(entry.entryId() + ": member '" + key + "' must be a number");
  }

  boolean flag(String key) {
    return Boolean.TRUE.equals(p.get(key));
  }

  List<String> texts(String key) {
    List<String> out = new ArrayList<>();
    if (p.get(key) instanceof List<?> list) {
      for (Object o : list) {
        out.add((String) o);
      }
    }
    return out;
  }

  Set<Role> roles() {
    Set<Role> out = new LinkedHashSet<>();
    for (String name : texts("roles")) {
      out.add(Role.of(name));
    }
    return out;
  }

  @Nullable Map<?, ?> object(String key) {
    return p.get(key) instanceof Map<?, ?> m ? m : null;
  }
}
