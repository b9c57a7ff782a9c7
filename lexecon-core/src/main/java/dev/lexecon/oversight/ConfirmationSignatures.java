package dev.lexecon.oversight;

import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Confirmation;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.token.DecisionSignature;
import dev.lexecon.token.DecisionSigner;
import dev.lexecon.token.DecisionVerifier;
import dev.lexecon.token.PublicKeySet;
import dev.lexecon.token.SigningKey;
import dev.lexecon.token.VerificationKey;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Ed25519 signatures on {@code confirmation} entries. The signed body is the RFC 8785 canonical
 * JSON of the confirmation's own members with the person's id and note in the clear (they are
 * commitments in the hashed entry), so the signature binds the person, not just a commitment; it
 * verifies while the entry's side record exists. The public key is announced in the ledger by a
 * {@code key_rotated} entry with purpose {@code oversight}, so an auditor needs nothing but the
 * ledger.
 */
final class ConfirmationSignatures {
  static final String PURPOSE = "oversight";

  private final SigningKey key;
  private final DecisionSigner signer;

  ConfirmationSignatures(SigningKey key) {
    this.key = key;
    this.signer = new DecisionSigner(key);
  }

  VerificationKey verificationKey() {
    return Objects.requireNonNull(key.verificationKey());
  }

  Map<String, Object> announcement() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("purpose", PURPOSE);
    p.put("key_id", key.keyId());
    p.put("algorithm", key.algorithm().jwsName());
    p.put("public_key_pem", verificationKey().toPem());
    return p;
  }

  Map<String, Object> sign(Map<String, Object> body) {
    return signer.signJson(body).toJson();
  }

  static Map<String, Object> body(String confirmationId, String escalationId, String decisionId,
      @Nullable String decisionEntry, Confirmation.Verdict verdict, String principalId,
      Set<Role> roles, @Nullable String note, Instant at) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("confirmation_id", confirmationId);
    b.put("escalation_id", escalationId);
    b.put("decision_id", decisionId);
    if (decisionEntry != null) {
      b.put("decision_entry", decisionEntry);
    }
    b.put("verdict", verdict.jsonName());
    b.put("by", principalId);
    b.put("roles", Fields.roleNames(roles));
    if (note != null) {
      b.put("note", note);
    }
    b.put("at", Fields.time(at));
    return b;
  }

  /**
   * Whether a {@code confirmation} entry carries a valid signature by one of {@code keys}; false
   * when the person's id was erased (the signed body can no longer be rebuilt) or anything else
   * does not check out.
   */
  static boolean verify(LedgerEntry entry, Collection<VerificationKey> keys) {
    try {
      Fields f = new Fields(entry);
      String by = f.opened("by");
      Map<?, ?> sig = f.object("signature");
      if (by == null || sig == null) {
        return false;
      }
      boolean hasNote = entry.payload().get("note") != null;
      String note = f.opened("note");
      if (hasNote && note == null) {
        return false;
      }
      Map<String, Object> body = body(f.text("confirmation_id"), f.text("escalation_id"),
          f.text("decision_id"), f.optText("decision_entry"),
          Projection.enumOf(Confirmation.Verdict.class, f.text("verdict")), by, f.roles(), note,
          entry.timestamp());
      return new DecisionVerifier(PublicKeySet.of(keys))
          .verifyJson(body, DecisionSignature.fromJson(sig));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
