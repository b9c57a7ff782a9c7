/**
 * Evidence artifacts: documents, logs and records an operator registers as evidence for decisions
 * and controls. Each artifact is content-addressed ({@code art_<sha256 of content>}), its content
 * hash and an Ed25519 signature are recorded in an {@code evidence} ledger entry, and its bytes are
 * kept by a {@link dev.lexecon.api.evidence.BlobStore}, the storage SPI (a file-system store ships
 * in lexecon-core).
 *
 * <p>Every value here is immutable and thread-safe. {@code docs/compliance.md} describes the
 * {@code evidence} payload and how an artifact is verified.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.api.evidence;

import org.jspecify.annotations.NullMarked;
