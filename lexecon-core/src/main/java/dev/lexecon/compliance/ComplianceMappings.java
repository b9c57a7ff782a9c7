package dev.lexecon.compliance;

import dev.lexecon.api.compliance.ComplianceFramework;
import dev.lexecon.api.compliance.Control;
import dev.lexecon.api.compliance.ControlMapping;
import dev.lexecon.api.compliance.Coverage;
import dev.lexecon.api.compliance.GovernancePrimitive;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which governance primitive serves which control, with coverage and reason, and which ledger
 * records evidence each primitive: the data in {@code dev/lexecon/compliance/mappings.json},
 * resolved against a {@link ControlCatalog}.
 *
 * <p>Loading fails if a mapping names a control the catalog lacks, so a mistyped or outdated id
 * (an ISO/IEC 27001:2013 number, say) cannot slip through. The reverse is allowed by design: a
 * catalog control no primitive serves is {@linkplain #unmapped(ComplianceFramework) unmapped} and
 * appears as a gap in every report until evidence is linked to it.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ComplianceMappings {
  private static final Set<String> TOP = Set.of("catalogVersion", "primitives", "mappings");
  private static final Set<String> PRIMITIVE = Set.of("evidence", "eventTypes", "description");
  private static final Set<String> MAPPING =
      Set.of("primitive", "framework", "control", "coverage", "reason");

  private final ControlCatalog catalog;
  private final List<ControlMapping> mappings;
  private final Map<GovernancePrimitive, PrimitiveEvidence> evidence;
  private final Map<String, List<ControlMapping>> byControl;
  private final Map<GovernancePrimitive, List<ControlMapping>> byPrimitive;

  private ComplianceMappings(ControlCatalog catalog, List<ControlMapping> mappings,
      Map<GovernancePrimitive, PrimitiveEvidence> evidence) {
    this.catalog = catalog;
    this.mappings = List.copyOf(mappings);
    this.evidence = Collections.unmodifiableMap(new EnumMap<>(evidence));
    Map<String, List<ControlMapping>> controls = new HashMap<>();
    Map<GovernancePrimitive, List<ControlMapping>> primitives =
        new EnumMap<>(GovernancePrimitive.class);
    for (ControlMapping m : this.mappings) {
      controls.computeIfAbsent(m.control().key(), k -> new ArrayList<>()).add(m);
      primitives.computeIfAbsent(m.primitive(), k -> new ArrayList<>()).add(m);
    }
    controls.replaceAll((k, v) -> List.copyOf(v));
    primitives.replaceAll((k, v) -> List.copyOf(v));
    this.byControl = Map.copyOf(controls);
    this.byPrimitive = Collections.unmodifiableMap(primitives);
  }

  /** The mappings shipped with this version of Lexecon, over {@link ControlCatalog#bundled()}. */
  public static ComplianceMappings bundled() {
    return Bundled.MAPPINGS;
  }

  private static final class Bundled {
    static final ComplianceMappings MAPPINGS =
        parse(JsonObject.resource("mappings.json"), "mappings.json", ControlCatalog.bundled());
  }

  /**
   * Reads mappings in the {@code mappings.json} format against {@code catalog}.
   *
   * @throws IllegalArgumentException naming the file and JSON path of the first problem; for
   *     controls missing from the catalog, naming all of them
   */
  static ComplianceMappings parse(String json, String origin, ControlCatalog catalog) {
    JsonObject top = JsonObject.parse(json, origin, TOP);
    String version = top.text("catalogVersion");
    if (!version.equals(catalog.version())) {
      throw top.error("catalogVersion", "mappings are for catalog " + version
          + " but the catalog is " + catalog.version());
    }

    Map<GovernancePrimitive, PrimitiveEvidence> evidence = new EnumMap<>(GovernancePrimitive.class);
    for (Map.Entry<String, JsonObject> e : top.members("primitives", PRIMITIVE)) {
      JsonObject p = e.getValue();
      GovernancePrimitive primitive;
      try {
        primitive = GovernancePrimitive.valueOf(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw p.error("unknown primitive; expected one of "
            + List.of(GovernancePrimitive.values()));
      }
      p.text("description");
      String kind = p.text("evidence");
      List<String> eventTypes = p.texts("eventTypes");
      PrimitiveEvidence pe;
      switch (kind) {
        case "records" -> {
          if (eventTypes.isEmpty()) {
            throw p.error("eventTypes", "records evidence needs at least one event type");
          }
          try {
            pe = new PrimitiveEvidence.Records(eventTypes);
          } catch (IllegalArgumentException ex) {
            throw p.error("eventTypes", ex.getMessage());
          }
        }
        case "linked_evidence", "verification" -> {
          if (!eventTypes.isEmpty()) {
            throw p.error("eventTypes", "only records evidence names event types");
          }
          pe = kind.equals("verification")
              ? new PrimitiveEvidence.Verification()
              : new PrimitiveEvidence.LinkedEvidence();
        }
        default -> throw p.error("evidence",
            "unknown kind '" + kind + "'; expected records, linked_evidence or verification");
      }
      evidence.put(primitive, pe);
    }
    for (GovernancePrimitive p : GovernancePrimitive.values()) {
      if (!evidence.containsKey(p)) {
        throw top.error("primitives", "primitive " + p + " is not declared");
      }
    }

    List<ControlMapping> mappings = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonObject m : top.objects("mappings", MAPPING)) {
      GovernancePrimitive primitive = m.enumValue("primitive", GovernancePrimitive.class);
      ComplianceFramework framework = m.enumValue("framework", ComplianceFramework.class);
      String id = m.text("control");
      Control control = catalog.control(framework, id).orElse(null);
      if (control == null) {
        missing.add(m.path() + " " + framework + ":" + id);
        continue;
      }
      if (!seen.add(primitive + " " + control.key())) {
        throw m.error("duplicate mapping of " + primitive + " to " + control.key());
      }
      mappings.add(new ControlMapping(primitive, control,
          m.enumValue("coverage", Coverage.class), m.text("reason")));
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(origin + ": " + missing.size() + " mapped control(s) not in"
          + " catalog " + catalog.version() + ": " + String.join(", ", missing));
    }
    return new ComplianceMappings(catalog, mappings, evidence);
  }

  /** The catalog the mappings resolve against. */
  public ControlCatalog catalog() {
    return catalog;
  }

  /** Every mapping, in file order. */
  public List<ControlMapping> mappings() {
    return mappings;
  }

  /** The mappings to {@code control}; empty if no primitive serves it. */
  public List<ControlMapping> forControl(Control control) {
    return byControl.getOrDefault(control.key(), List.of());
  }

  /** The controls {@code primitive} serves, in file order. */
  public List<ControlMapping> forPrimitive(GovernancePrimitive primitive) {
    return byPrimitive.getOrDefault(primitive, List.of());
  }

  /**
   * The catalog controls of {@code framework} that no primitive serves: gaps by design, which only
   * a linked evidence artifact can close.
   */
  public List<Control> unmapped(ComplianceFramework framework) {
    return catalog.controls(framework).stream()
        .filter(c -> !byControl.containsKey(c.key()))
        .toList();
  }

  /**
   * The ledger event types whose records evidence {@code primitive}; empty for {@link
   * GovernancePrimitive#EVIDENCE} (evidenced by linked artifacts) and {@link
   * GovernancePrimitive#LEDGER_VERIFICATION} (evidenced by a verification run).
   */
  public List<String> eventTypes(GovernancePrimitive primitive) {
    return evidence.get(primitive) instanceof PrimitiveEvidence.Records r
        ? r.eventTypes()
        : List.of();
  }

  PrimitiveEvidence evidence(GovernancePrimitive primitive) {
    return evidence.get(primitive);
  }
}
