/**
 * Values of the tamper-evident ledger that cross the API boundary: the 32-byte {@link
 * dev.lexecon.api.ledger.Hash} and the RFC 9162 Merkle {@link dev.lexecon.api.ledger.InclusionProof
 * inclusion} and {@link dev.lexecon.api.ledger.ConsistencyProof consistency} proofs an auditor
 * checks offline.
 *
 * <p>Every type here is an immutable value and safe to share between threads. Constructors validate
 * the structural invariants (sizes, index bounds, hash length) and throw the usual JDK exceptions
 * when they do not hold; whether a well-formed proof is <em>true</em> is decided by a verifier,
 * never by a constructor.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.api.ledger;

import org.jspecify.annotations.NullMarked;
