package dev.lexecon.compliance;

import dev.lexecon.api.compliance.ApplicationDate;
import dev.lexecon.api.compliance.ComplianceFramework;
import dev.lexecon.api.compliance.Control;
import dev.lexecon.api.compliance.SourceDocument;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The controls Lexecon knows, per framework, each with its source document and version: the data
 * in {@code dev/lexecon/compliance/catalog.json}, checked strictly when loaded.
 *
 * <p>The catalog is versioned ({@link #version()}) and every gap report names the version it used,
 * so a report can be reproduced after the catalog evolves. It lists the controls a governance
 * library can speak to, not every control of every framework.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ControlCatalog {
  private static final Set<String> TOP = Set.of("catalogVersion", "sources", "applicationDates", "controls");
  private static final Set<String> SOURCE = Set.of("framework", "title", "version", "publisher", "url");
  private static final Set<String> DATE = Set.of("from", "scope", "basis");
  private static final Set<String> CONTROL = Set.of("framework", "id", "title", "source", "appliesFrom");

  private final String version;
  private final List<Control> controls;
  private final Map<ComplianceFramework, List<Control>> byFramework;
  private final Map<String, Control> byKey;

  private ControlCatalog(String version, List<Control> controls) {
    this.version = version;
    Map<ComplianceFramework, List<Control>> grouped = new EnumMap<>(ComplianceFramework.class);
    Map<String, Control> keys = new HashMap<>();
    for (Control c : controls) {
      grouped.computeIfAbsent(c.framework(), f -> new ArrayList<>()).add(c);
      keys.put(c.key(), c);
    }
    grouped.replaceAll((f, list) -> List.copyOf(list));
    this.byFramework = Collections.unmodifiableMap(grouped);
    this.byKey = Map.copyOf(keys);
    List<Control> ordered = new ArrayList<>(controls.size());
    grouped.values().forEach(ordered::addAll);
    this.controls = List.copyOf(ordered);
  }

  /** The catalog shipped with this version of Lexecon. */
  public static ControlCatalog bundled() {
    return Bundled.CATALOG;
  }

  private static final class Bundled {
    static final ControlCatalog CATALOG = parse(JsonObject.resource("catalog.json"), "catalog.json");
  }

  /**
   * Reads a catalog in the {@code catalog.json} format.
   *
   * @throws IllegalArgumentException naming the file and JSON path of the first problem
   */
  static ControlCatalog parse(String json, String origin) {
    JsonObject top = JsonObject.parse(json, origin, TOP);
    String version = top.text("catalogVersion");

    Map<String, SourceDocument> sources = new LinkedHashMap<>();
    for (Map.Entry<String, JsonObject> e : top.members("sources", SOURCE)) {
      JsonObject s = e.getValue();
      sources.put(e.getKey(), new SourceDocument(e.getKey(),
          s.enumValue("framework", ComplianceFramework.class), s.text("title"), s.text("version"),
          s.text("publisher"), s.optionalText("url")));
    }

    Map<String, ApplicationDate> dates = new LinkedHashMap<>();
    for (Map.Entry<String, JsonObject> e : top.members("applicationDates", DATE)) {
      JsonObject d = e.getValue();
      LocalDate from;
      try {
        from = LocalDate.parse(d.text("from"));
      } catch (DateTimeParseException ex) {
        throw d.error("from", "must be an ISO date (yyyy-mm-dd)");
      }
      dates.put(e.getKey(), new ApplicationDate(from, d.text("scope"), d.text("basis")));
    }

    List<Control> controls = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonObject c : top.objects("controls", CONTROL)) {
      ComplianceFramework framework = c.enumValue("framework", ComplianceFramework.class);
      String id = c.text("id");
      if (!id.equals(id.strip())) {
        throw c.error("id", "must not have leading or trailing spaces");
      }
      String sourceKey = c.text("source");
      SourceDocument source = sources.get(sourceKey);
      if (source == null) {
        throw c.error("source", "unknown source '" + sourceKey + "'; sources are " + sources.keySet());
      }
      if (source.framework() != framework) {
        throw c.error("source", "source '" + sourceKey + "' is for " + source.framework()
            + ", not " + framework);
      }
      List<ApplicationDate> applies = new ArrayList<>();
      for (String key : c.texts("appliesFrom")) {
        ApplicationDate date = dates.get(key);
        if (date == null) {
          throw c.error("appliesFrom", "unknown application date '" + key + "'; dates are "
              + dates.keySet());
        }
        applies.add(date);
      }
      Control control = new Control(framework, id, c.text("title"), source, applies);
      if (!seen.add(control.key())) {
        throw c.error("id", "duplicate control " + control.key());
      }
      controls.add(control);
    }
    return new ControlCatalog(version, controls);
  }

  /** The catalog's version ({@code 2026.11.0}); gap reports carry it. */
  public String version() {
    return version;
  }

  /** Every control, grouped by framework in enum order, in file order within a framework. */
  public List<Control> controls() {
    return controls;
  }

  /** The controls of one framework, in file order; empty if the catalog has none. */
  public List<Control> controls(ComplianceFramework framework) {
    return byFramework.getOrDefault(framework, List.of());
  }

  /** The control with {@code id} in {@code framework}, matched exactly. */
  public Optional<Control> control(ComplianceFramework framework, String id) {
    return Optional.ofNullable(byKey.get(framework.name() + ":" + id));
  }
}
