/**
 * Evidence artifacts: {@link dev.lexecon.evidence.EvidenceRegistry} registers content-addressed,
 * signed artifacts in the ledger and verifies them; {@link
 * dev.lexecon.evidence.FileSystemBlobStore} and {@link dev.lexecon.evidence.InMemoryBlobStore}
 * keep their bytes behind the {@link dev.lexecon.api.evidence.BlobStore} SPI.
 *
 * <p>{@code docs/compliance.md}, "Evidence artifacts", specifies the {@code evidence} payload and
 * the signed statement.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.evidence;

import org.jspecify.annotations.NullMarked;
