/**
 * Audit export values: what to export ({@link dev.lexecon.api.export.ExportScope}, {@link
 * dev.lexecon.api.export.ExportInclude}), in which {@linkplain dev.lexecon.api.export.ExportFormat
 * format} (JSON Lines, CSV, Markdown, a self-contained HTML report), how progress is reported
 * ({@link dev.lexecon.api.export.ExportProgress}), and what an export produced ({@link
 * dev.lexecon.api.export.ExportSummary}). The exporter lives in lexecon-core ({@code
 * dev.lexecon.export}); {@code docs/export-format.md} specifies every format and its manifest.
 *
 * <p>Every value here is immutable and thread-safe.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.api.export;

import org.jspecify.annotations.NullMarked;
