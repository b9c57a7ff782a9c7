/**
 * Audit export: {@link dev.lexecon.export.AuditExporter} streams a scope of the ledger as JSON
 * Lines, CSV, Markdown or a self-contained HTML report, each carrying a signed verification
 * manifest ({@link dev.lexecon.ledger.ExportManifest}); {@link
 * dev.lexecon.export.AuditReportVerifier} checks that a CSV, Markdown or HTML report is exactly
 * the rendering of the verified JSON Lines entries of the same export.
 *
 * <p>{@code docs/export-format.md} specifies the formats; {@code docs/vectors/export/} holds test
 * vectors produced by this code.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.export;

import org.jspecify.annotations.NullMarked;
