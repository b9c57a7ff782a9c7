package dev.lexecon.api.compliance;

import java.util.List;
import java.util.Objects;

/**
 * One control, criterion, requirement or article of a framework, as listed in Lexecon's catalog.
 *
 * <p>Immutable and thread-safe.
 *
 * @param framework the framework
 * @param id the identifier as the source writes it ({@code CC7.2}, {@code A.8.15}, {@code Art.
 *     12(1)}, {@code 164.312(b)}, {@code 10.5.1}, {@code PR.PS-04}, {@code AU-9(3)}); unique within
 *     its framework only ({@code Art. 17} is both a GDPR and an AI Act article)
 * @param title the official title, or for SOC 2 criteria and PCI DSS requirements, which have no
 *     titles, a short summary of the requirement text
 * @param source the document and version the control is taken from
 * @param applicationDates when the control starts to apply, by class of system; empty when it
 *     applies without a date of its own
 * @since 0.1
 */
public record Control(
    ComplianceFramework framework,
    String id,
    String title,
    SourceDocument source,
    List<ApplicationDate> applicationDates) {
  public Control {
    Objects.requireNonNull(framework, "framework");
    Checks.requireText(id, "id");
    Checks.requireText(title, "title");
    Objects.requireNonNull(source, "source");
    if (source.framework() != framework) {
      throw new IllegalArgumentException("control " + framework + " " + id
          + " cannot come from source " + source.id() + " of " + source.framework());
    }
    applicationDates = List.copyOf(applicationDates);
  }

  /**
   * The control's key across frameworks, {@code FRAMEWORK:id} ({@code EU_AI_ACT:Art. 12(1)}): how
   * evidence artifacts name the controls they are linked to.
   */
  public String key() {
    return framework.name() + ":" + id;
  }
}
