package dev.lexecon.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lexecon.api.compliance.ComplianceFramework;
import dev.lexecon.api.compliance.Control;
import dev.lexecon.api.compliance.ControlMapping;
import dev.lexecon.api.compliance.GovernancePrimitive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Compliance mappings")
class ComplianceMappingsTest {
  /** The ledger's event types (DESIGN.md section 5, feat/ledger). */
  static final Set<String> LEDGER_EVENT_TYPES = Set.of("decision", "risk_assessment",
      "escalation_opened", "escalation_resolved", "override", "intervention", "evidence",
      "legal_hold", "key_rotated", "checkpoint", "retention_redaction", "policy_loaded");

  /**
   * Catalog controls that no primitive serves, on purpose: they need measures outside a governance
   * library. Gap reports list them as NOT_SERVED until evidence is linked.
   */
  static final Set<String> GAPS_BY_DESIGN = Set.of(
      "ISO_27001:A.8.17",   // clock synchronization: the host's NTP
      "PCI_DSS:10.3.1",     // read access to log files: the storage's access control
      "PCI_DSS:10.3.3",     // central backup of log files: deployment
      "PCI_DSS:10.6.1",     // time synchronization: the host's NTP
      "PCI_DSS:10.7.2",     // failures of critical security control systems: operations
      "NIST_CSF:GV.OV-01",  // review of risk management strategy: management
      "NIST_800_53:AU-4",   // audit log storage capacity: deployment
      "NIST_800_53:AU-5",   // response to audit logging process failures: operations
      "NIST_800_53:AU-7",   // audit record reduction and report generation: audit export (later)
      "EU_AI_ACT:Art. 73"); // reporting serious incidents to authorities: the provider

  private final ComplianceMappings mappings = ComplianceMappings.bundled();

  @Test
  @DisplayName("every control id in mappings.json is in the catalog")
  void everyMappedControlIsInCatalog() throws Exception {
    // Read the raw file, not through the loader, so the failure lists every missing id.
    JsonNode root = new ObjectMapper().readTree(JsonObject.resource("mappings.json"));
    ControlCatalog catalog = ControlCatalog.bundled();
    List<String> missing = new ArrayList<>();
    for (JsonNode m : root.get("mappings")) {
      ComplianceFramework framework = ComplianceFramework.valueOf(m.get("framework").asText());
      String id = m.get("control").asText();
      if (catalog.control(framework, id).isEmpty()) {
        missing.add(framework + ":" + id);
      }
    }
    assertThat(missing).as("mapped control ids missing from catalog %s", catalog.version())
        .isEmpty();
    assertThat(root.get("catalogVersion").asText()).isEqualTo(catalog.version());
    assertThat(mappings.mappings()).hasSize(root.get("mappings").size());
  }

  @Test
  @DisplayName("catalog controls no primitive serves are reported as gaps by design, and only those")
  void unmappedControlsAreGapsByDesign() {
    Set<String> unmapped = Arrays.stream(ComplianceFramework.values())
        .flatMap(f -> mappings.unmapped(f).stream())
        .map(Control::key)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(unmapped).containsExactlyInAnyOrderElementsOf(GAPS_BY_DESIGN);
  }

  @Test
  @DisplayName("a mapping to a control missing from the catalog fails loading and names every such id")
  void loaderRejectsUnknownControls() {
    String json = JsonObject.resource("mappings.json").replace("\"mappings\": [",
        "\"mappings\": [{\"primitive\":\"DECISION\",\"framework\":\"ISO_27001\","
            + "\"control\":\"A.12.4.1\",\"coverage\":\"FULL\",\"reason\":\"2013 id\"},"
            + "{\"primitive\":\"DECISION\",\"framework\":\"PCI_DSS\",\"control\":\"10.7\","
            + "\"coverage\":\"FULL\",\"reason\":\"v3.2.1 id\"},");
    assertThatThrownBy(() -> ComplianceMappings.parse(json, "m.json", ControlCatalog.bundled()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("m.json: 2 mapped control(s) not in catalog 2026.11.0: "
            + "$.mappings[0] ISO_27001:A.12.4.1, $.mappings[1] PCI_DSS:10.7");
  }

  @Test
  @DisplayName("mappings made for another catalog version are rejected")
  void versionMismatch() {
    String json = JsonObject.resource("mappings.json")
        .replace("\"catalogVersion\": \"2026.11.0\"", "\"catalogVersion\": \"2025.1.0\"");
    assertThatThrownBy(() -> ComplianceMappings.parse(json, "m.json", ControlCatalog.bundled()))
        .hasMessage("m.json: $.catalogVersion: mappings are for catalog 2025.1.0 but the catalog"
            + " is 2026.11.0");
  }

  @Test
  @DisplayName("mapping one primitive to the same control twice is rejected")
  void duplicate() {
    String json = JsonObject.resource("mappings.json").replace("\"mappings\": [",
        "\"mappings\": [{\"primitive\":\"DECISION\",\"framework\":\"EU_AI_ACT\","
            + "\"control\":\"Art. 12(1)\",\"coverage\":\"FULL\",\"reason\":\"again\"},");
    assertThatThrownBy(() -> ComplianceMappings.parse(json, "m.json", ControlCatalog.bundled()))
        .hasMessageStartingWith("m.json: $.mappings[")
        .hasMessageEndingWith("duplicate mapping of DECISION to EU_AI_ACT:Art. 12(1)");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(GovernancePrimitive.class)
  @DisplayName("every primitive serves at least one control, with a reason for each")
  void everyPrimitiveServes(GovernancePrimitive primitive) {
    List<ControlMapping> served = mappings.forPrimitive(primitive);
    assertThat(served).isNotEmpty();
    assertThat(served).allSatisfy(m -> {
      assertThat(m.primitive()).isEqualTo(primitive);
      assertThat(m.reason()).isNotBlank().endsWith(".");
    });
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(GovernancePrimitive.class)
  @DisplayName("primitives are evidenced by ledger event types the ledger actually writes")
  void eventTypesAreLedgerTypes(GovernancePrimitive primitive) {
    List<String> types = mappings.eventTypes(primitive);
    assertThat(LEDGER_EVENT_TYPES).containsAll(types);
    boolean recordsBased = primitive != GovernancePrimitive.EVIDENCE
        && primitive != GovernancePrimitive.LEDGER_VERIFICATION;
    assertThat(types.isEmpty()).isEqualTo(!recordsBased);
  }

  @Test
  @DisplayName("the primitive-to-event-type table is the one docs/compliance.md describes")
  void eventTypeTable() {
    assertThat(mappings.eventTypes(GovernancePrimitive.DECISION)).containsExactly("decision");
    assertThat(mappings.eventTypes(GovernancePrimitive.ESCALATION))
        .containsExactly("escalation_opened", "escalation_resolved");
    assertThat(mappings.eventTypes(GovernancePrimitive.RETENTION))
        .containsExactly("retention_redaction", "legal_hold");
    assertThat(mappings.eventTypes(GovernancePrimitive.POLICY_CHANGE))
        .containsExactly("policy_loaded");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ComplianceFramework.class)
  @DisplayName("every framework has mapped controls, and forControl agrees with the mapping list")
  void perFramework(ComplianceFramework framework) {
    List<Control> controls = mappings.catalog().controls(framework);
    long mapped = controls.stream().filter(c -> !mappings.forControl(c).isEmpty()).count();
    assertThat(mapped).isPositive();
    assertThat(mapped + mappings.unmapped(framework).size()).isEqualTo(controls.size());
    for (Control c : controls) {
      assertThat(mappings.forControl(c)).containsExactlyElementsOf(mappings.mappings().stream()
          .filter(m -> m.control().equals(c)).toList());
    }
  }
}
