/**
 * The tamper-evident ledger: RFC 9162 Merkle tree and proofs, and C2SP signed-note checkpoints.
 *
 * <p>Public here: {@link dev.lexecon.ledger.MerkleTree} (append-only tree that answers roots and
 * proofs for any past size), {@link dev.lexecon.ledger.MerkleProofs} (static verification for
 * offline auditors), {@link dev.lexecon.ledger.Checkpoint}, {@link dev.lexecon.ledger.SignedNote},
 * {@link dev.lexecon.ledger.NoteSigner} and {@link dev.lexecon.ledger.NoteVerifier}. Everything
 * else is package-private and may change.
 *
 * <p>Specifications followed: RFC 9162 §2.1 (Merkle hash trees), <a
 * href="https://c2sp.org/signed-note">c2sp.org/signed-note</a>, <a
 * href="https://c2sp.org/tlog-checkpoint">c2sp.org/tlog-checkpoint</a> and RFC 8032 (Ed25519).
 * Notes and keys are byte-for-byte compatible with Go's {@code golang.org/x/mod/sumdb/note}.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.ledger;

import org.jspecify.annotations.NullMarked;
