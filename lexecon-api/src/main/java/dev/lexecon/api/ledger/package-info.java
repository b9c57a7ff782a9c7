/**
 * The tamper-evident ledger as the API sees it: the storage SPI ({@link
 * dev.lexecon.api.ledger.LedgerStorage}, {@link dev.lexecon.api.ledger.LedgerRecord}) that
 * SQLite, JDBC and in-memory storages implement; the values a ledger hands out ({@link
 * dev.lexecon.api.ledger.LedgerEntry}, {@link dev.lexecon.api.ledger.LedgerReport}, {@link
 * dev.lexecon.api.ledger.VerificationResult}, {@link dev.lexecon.api.ledger.ReplayResult}); the
 * 32-byte {@link dev.lexecon.api.ledger.Hash} and the RFC 9162 Merkle {@link
 * dev.lexecon.api.ledger.InclusionProof inclusion} and {@link
 * dev.lexecon.api.ledger.ConsistencyProof consistency} proofs an auditor checks offline; and the
 * closed sets {@link dev.lexecon.api.ledger.EventType} and {@link
 * dev.lexecon.api.ledger.Durability}. The format itself is specified in {@code
 * docs/ledger-format.md}.
 *
 * <p>Every value type here is immutable and safe to share between threads. Constructors validate
 * the structural invariants (sizes, index bounds, hash length) and throw the usual JDK exceptions
 * when they do not hold; whether a well-formed proof is <em>true</em> is decided by a verifier,
 * never by a constructor.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.api.ledger;

import org.jspecify.annotations.NullMarked;
