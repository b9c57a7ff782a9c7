/**
 * Compliance: the versioned {@linkplain dev.lexecon.compliance.ControlCatalog control catalog},
 * the {@linkplain dev.lexecon.compliance.ComplianceMappings mappings} of governance primitives to
 * controls, the {@linkplain dev.lexecon.compliance.GapAnalysis gap analysis} computed from the
 * ledger through {@link dev.lexecon.api.compliance.ComplianceEvidence}, and the {@linkplain
 * dev.lexecon.compliance.RetentionPolicy retention policy} that says when a record may be deleted.
 *
 * <p>The catalog and the mappings are data ({@code catalog.json} and {@code mappings.json} next to
 * this package's classes); {@code docs/compliance.md} gives their sources and rationale.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.compliance;

import org.jspecify.annotations.NullMarked;
