package dev.lexecon.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.api.compliance.ApplicationDate;
import dev.lexecon.api.compliance.ComplianceFramework;
import dev.lexecon.api.compliance.Control;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Control catalog")
class CatalogTest {
  private final ControlCatalog catalog = ControlCatalog.bundled();

  @Test
  @DisplayName("the bundled catalog is version 2026.11.0 with 119 controls")
  void versionAndSize() {
    assertThat(catalog.version()).isEqualTo("2026.11.0");
    assertThat(catalog.controls()).hasSize(119);
  }

  @ParameterizedTest(name = "{0} has {1} controls from {2}")
  @CsvSource({
    "SOC2,        15, 2017 (points of focus revised 2022)",
    "ISO_27001,   16, 2022 (third edition; Annex A unchanged by Amd 1:2024)",
    "GDPR,         9, 'OJ L 119, 4.5.2016, p. 1, as corrected'",
    "HIPAA,        9, '68 FR 8334 (2003) as amended by the Omnibus Rule, 78 FR 5566 (2013)'",
    "PCI_DSS,     13, 4.0.1 (June 2024)",
    "NIST_CSF,    15, 2.0 (26 February 2024)",
    "ISO_42001,   11, 2023 (first edition)",
    "NIST_800_53, 13, 'Revision 5 (September 2020, updated 10 December 2020)'",
    "EU_AI_ACT,   18, 'OJ L, 2024/1689, 12.7.2024; application dates as amended by Regulation (EU) 2026/1744'"
  })
  @DisplayName("each framework has a pinned number of controls, all from one versioned source")
  void frameworks(ComplianceFramework framework, int size, String version) {
    List<Control> controls = catalog.controls(framework);
    assertThat(controls).hasSize(size);
    assertThat(controls).allSatisfy(c -> {
      assertThat(c.framework()).isEqualTo(framework);
      assertThat(c.source().framework()).isEqualTo(framework);
      assertThat(c.source().version()).isEqualTo(version);
      assertThat(c.source().title()).isNotBlank();
      assertThat(c.title()).isNotBlank();
    });
  }

  @Test
  @DisplayName("control ids are unique within their framework and keys are unique overall")
  void uniqueIds() {
    Set<String> keys = new HashSet<>();
    for (Control c : catalog.controls()) {
      assertThat(keys.add(c.key())).as(c.key()).isTrue();
      assertThat(catalog.control(c.framework(), c.id())).contains(c);
    }
  }

  @Test
  @DisplayName("the same article number in two frameworks names two different controls")
  void sameIdTwoFrameworks() {
    assertThat(catalog.control(ComplianceFramework.GDPR, "Art. 17").orElseThrow().title())
        .isEqualTo("Right to erasure ('right to be forgotten')");
    assertThat(catalog.control(ComplianceFramework.EU_AI_ACT, "Art. 17").orElseThrow().title())
        .isEqualTo("Quality management system");
  }

  @ParameterizedTest(name = "{0} ids match {1}")
  @CsvSource(delimiter = ';', value = {
    "SOC2        ; (CC[1-9]\\.[1-9]|PI1\\.[1-5]|P[1-8]\\.[1-9]|C1\\.[12]|A1\\.[1-3])",
    // ISO/IEC 27001:2022 Annex A: A.5.1-A.5.37, A.6.1-A.6.8, A.7.1-A.7.14, A.8.1-A.8.34
    "ISO_27001   ; A\\.(5\\.([1-9]|[12][0-9]|3[0-7])|6\\.[1-8]|7\\.([1-9]|1[0-4])|8\\.([1-9]|[12][0-9]|3[0-4]))",
    "GDPR        ; Art\\. [1-9][0-9]*(\\([0-9]+\\)(\\([a-z]\\))?)?",
    "HIPAA       ; 164\\.3(08|10|12|14|16)\\([a-z]\\)(\\([0-9]+\\))?(\\((i|ii|iii|iv)\\))?(\\([A-Z]\\))?",
    "PCI_DSS     ; 10\\.[1-7]\\.[1-9](\\.[1-9])?",
    "NIST_CSF    ; (GV|ID|PR|DE|RS|RC)\\.[A-Z]{2}-0[1-9]|(GV|ID|PR|DE|RS|RC)\\.[A-Z]{2}-1[01]",
    "ISO_42001   ; A\\.(2|3|4|5|6|7|8|9|10)\\.[0-9](\\.[0-9])?",
    "NIST_800_53 ; AU-([1-9]|1[0-6])(\\([1-9]\\))?",
    "EU_AI_ACT   ; Art\\. [1-9][0-9]*(\\([0-9]+\\)(\\([a-z]\\))?)?"
  })
  @DisplayName("every id has its framework's numbering")
  void idFormats(ComplianceFramework framework, String regex) {
    Pattern p = Pattern.compile(regex);
    assertThat(catalog.controls(framework))
        .allSatisfy(c -> assertThat(c.id()).as(c.key()).matches(p));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"A.12.4", "A.12.4.1", "A.12.4.3", "A.16.1.7", "A.9.2.3", "A.18.1.3"})
  @DisplayName("ISO/IEC 27001 uses 2022 numbering, never 2013 ids")
  void noIso2013Ids(String id) {
    assertThat(catalog.control(ComplianceFramework.ISO_27001, id)).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(delimiter = ';', value = {
    "ISO_27001  ; A.8.15    ; Logging",
    "ISO_27001  ; A.8.16    ; Monitoring activities",
    "ISO_27001  ; A.5.28    ; Collection of evidence",
    "ISO_42001  ; A.6.2.8   ; AI system recording of event logs",
    "NIST_CSF   ; PR.PS-04  ; Log records are generated and made available for continuous monitoring",
    "NIST_800_53; AU-9(3)    ; Protection of Audit Information | Cryptographic Protection",
    "HIPAA      ; 164.312(b); Audit controls",
    "EU_AI_ACT  ; Art. 12(1); Record-keeping: automatic recording of events (logs) over the lifetime of the system",
    "EU_AI_ACT  ; Art. 86   ; Right to explanation of individual decision-making",
    "GDPR       ; Art. 22   ; Automated individual decision-making, including profiling"
  })
  @DisplayName("well-known controls carry their official titles")
  void titles(ComplianceFramework framework, String id, String title) {
    assertThat(catalog.control(framework, id).orElseThrow().title()).isEqualTo(title);
  }

  @Test
  @DisplayName("EU AI Act high-risk controls apply from 2 Dec 2027 (Annex III) and 2 Aug 2028 (Annex I)")
  void aiActDates() {
    List<Control> act = catalog.controls(ComplianceFramework.EU_AI_ACT);
    assertThat(act).allSatisfy(c -> {
      assertThat(c.applicationDates()).isNotEmpty();
      assertThat(c.applicationDates()).allSatisfy(d ->
          assertThat(d.basis()).contains("Regulation (EU) 2026/1744"));
    });
    Control art12 = catalog.control(ComplianceFramework.EU_AI_ACT, "Art. 12(1)").orElseThrow();
    assertThat(art12.applicationDates()).extracting(ApplicationDate::from)
        .containsExactly(LocalDate.of(2027, 12, 2), LocalDate.of(2028, 8, 2));
    assertThat(art12.applicationDates().get(0).scope()).contains("Annex III");
    assertThat(art12.applicationDates().get(1).scope()).contains("Annex I ");
    // Art. 86 is about decisions based on Annex III systems only
    assertThat(catalog.control(ComplianceFramework.EU_AI_ACT, "Art. 86").orElseThrow()
        .applicationDates()).extracting(ApplicationDate::from)
        .containsExactly(LocalDate.of(2027, 12, 2));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ComplianceFramework.class, names = "EU_AI_ACT", mode = EnumSource.Mode.EXCLUDE)
  @DisplayName("controls outside the AI Act carry no application date of their own")
  void noDatesElsewhere(ComplianceFramework framework) {
    assertThat(catalog.controls(framework)).allSatisfy(c ->
        assertThat(c.applicationDates()).isEmpty());
  }

  @Test
  @DisplayName("controls come grouped by framework in enum order")
  void order() {
    List<ComplianceFramework> seen = catalog.controls().stream().map(Control::framework)
        .distinct().toList();
    assertThat(seen).containsExactly(ComplianceFramework.values());
  }

  private static final String SOURCES = "\"sources\":{\"s\":{\"framework\":\"GDPR\",\"title\":\"t\","
      + "\"version\":\"v\",\"publisher\":\"p\"}},\"applicationDates\":{\"d\":{\"from\":\"2027-12-02\","
      + "\"scope\":\"s\",\"basis\":\"b\"}}";

  private static ControlCatalog parse(String controls) {
    return ControlCatalog.parse(
        "{\"catalogVersion\":\"t\"," + SOURCES + ",\"controls\":[" + controls + "]}", "test.json");
  }

  @Test
  @DisplayName("a minimal catalog parses")
  void minimal() {
    ControlCatalog c = parse("{\"framework\":\"GDPR\",\"id\":\"Art. 30\",\"title\":\"x\","
        + "\"source\":\"s\",\"appliesFrom\":[\"d\"]}");
    assertThat(c.controls()).singleElement().satisfies(ctl -> {
      assertThat(ctl.key()).isEqualTo("GDPR:Art. 30");
      assertThat(ctl.applicationDates()).extracting(ApplicationDate::from)
          .containsExactly(LocalDate.of(2027, 12, 2));
    });
  }

  static Stream<Arguments> malformed() {
    String ok = "\"framework\":\"GDPR\",\"id\":\"Art. 30\",\"title\":\"x\",\"source\":\"s\"";
    return Stream.of(
        Arguments.of("{" + ok + ",\"extra\":1}", "test.json: $.controls[0].extra: unknown field"),
        Arguments.of("{\"framework\":\"GDPR\",\"id\":\"Art. 30\",\"title\":\"x\",\"source\":\"nope\"}",
            "test.json: $.controls[0].source: unknown source 'nope'"),
        Arguments.of("{\"framework\":\"SOC2\",\"id\":\"CC6.1\",\"title\":\"x\",\"source\":\"s\"}",
            "test.json: $.controls[0].source: source 's' is for GDPR, not SOC2"),
        Arguments.of("{" + ok + ",\"appliesFrom\":[\"z\"]}",
            "test.json: $.controls[0].appliesFrom: unknown application date 'z'"),
        Arguments.of("{\"framework\":\"SOX\",\"id\":\"404\",\"title\":\"x\",\"source\":\"s\"}",
            "test.json: $.controls[0].framework: unknown ComplianceFramework 'SOX'"),
        Arguments.of("{\"framework\":\"GDPR\",\"id\":\"\",\"title\":\"x\",\"source\":\"s\"}",
            "test.json: $.controls[0].id: must be a non-blank string"),
        Arguments.of("{\"framework\":\"GDPR\",\"id\":\"Art. 30 \",\"title\":\"x\",\"source\":\"s\"}",
            "test.json: $.controls[0].id: must not have leading or trailing spaces"),
        Arguments.of("{" + ok + "},{" + ok + "}",
            "test.json: $.controls[1].id: duplicate control GDPR:Art. 30"),
        Arguments.of("{" + ok + ",\"id\":\"Art. 31\"}",
            "test.json: not valid JSON: Duplicate field 'id'"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("malformed")
  @DisplayName("a malformed catalog is rejected with the file and JSON path of the problem")
  void rejects(String controls, String message) {
    assertThatThrownBy(() -> parse(controls))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  @DisplayName("an application date must be an ISO date")
  void badDate() {
    String json = "{\"catalogVersion\":\"t\",\"sources\":{},\"applicationDates\":{\"d\":"
        + "{\"from\":\"2 Dec 2027\",\"scope\":\"s\",\"basis\":\"b\"}},\"controls\":[]}";
    assertThatThrownBy(() -> ControlCatalog.parse(json, "test.json"))
        .hasMessage("test.json: $.applicationDates.d.from: must be an ISO date (yyyy-mm-dd)");
  }
}
