/**
 * Compliance values: the {@linkplain dev.lexecon.api.compliance.ComplianceFramework frameworks}
 * Lexecon maps to, their {@linkplain dev.lexecon.api.compliance.Control controls}, how each
 * {@linkplain dev.lexecon.api.compliance.GovernancePrimitive governance primitive} serves them, the
 * {@linkplain dev.lexecon.api.compliance.GapReport gap report} computed from the ledger, and
 * {@linkplain dev.lexecon.api.compliance.RetentionClass retention} values.
 *
 * <p>{@link dev.lexecon.api.compliance.ComplianceEvidence} is the SPI the gap analysis reads; the
 * ledger implements it. Every value here is immutable and thread-safe; {@code docs/compliance.md}
 * explains the catalog sources, the mapping rationale and the retention presets.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.api.compliance;

import org.jspecify.annotations.NullMarked;
