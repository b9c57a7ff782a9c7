/**
 * The tamper-evident ledger: hash-chained entries in RFC 8785 canonical JSON, an RFC 9162 Merkle
 * tree over them, C2SP signed-note checkpoints, erasable personal data, verification and export.
 * The format is specified in {@code docs/ledger-format.md}.
 *
 * <p>Public here:
 *
 * <ul>
 *   <li>{@link dev.lexecon.ledger.Ledger}, what {@code Lexecon.ledger()} returns: queries,
 *       verification, proofs, checkpoints and export; {@link dev.lexecon.ledger.LedgerEngine}, its
 *       implementation, with the single writer that Lexecon's own engines append through;
 *   <li>{@link dev.lexecon.ledger.LedgerVerifier}, which checks an export file or a storage
 *       without a {@code Lexecon}; {@link dev.lexecon.ledger.Redactable}, which marks personal data
 *       in event payloads; {@link dev.lexecon.ledger.InMemoryLedgerStorage};
 *   <li>{@link dev.lexecon.ledger.MerkleTree} (append-only tree that answers roots and proofs for
 *       any past size), {@link dev.lexecon.ledger.MerkleProofs} (static verification for offline
 *       auditors), {@link dev.lexecon.ledger.Checkpoint}, {@link dev.lexecon.ledger.SignedNote},
 *       {@link dev.lexecon.ledger.NoteSigner} and {@link dev.lexecon.ledger.NoteVerifier}.
 * </ul>
 *
 * Everything else is package-private and may change: the entry codec, commitments and side
 * records, the writer thread, the streaming verifier.
 *
 * <p>Specifications followed: RFC 8785 (JCS), RFC 9162 §2.1 (Merkle hash trees), <a
 * href="https://c2sp.org/signed-note">c2sp.org/signed-note</a>, <a
 * href="https://c2sp.org/tlog-checkpoint">c2sp.org/tlog-checkpoint</a> and RFC 8032 (Ed25519).
 * Notes and keys are byte-for-byte compatible with Go's {@code golang.org/x/mod/sumdb/note}.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.ledger;

import org.jspecify.annotations.NullMarked;
