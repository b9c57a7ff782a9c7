package dev.lexecon.api.compliance;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A request to erase personal data from the ledger: the data of one data subject (GDPR Art. 17)
 * or the data recorded for some decisions. Erasure deletes the side records that hold the values
 * behind the ledger's salted commitments; entries, hashes and proofs stay as they are.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the data subject.
 *
 * @param dataSubject an identifier of the data subject as the ledger recorded it (an actor id such
 *     as {@code customer:4711}, an e-mail address, a patient number in a context value); every
 *     entry whose personal data contains this exact string is erased. {@code null} for a request
 *     by decisions
 * @param decisionIds the decisions whose entries are erased; empty for a request by data subject
 * @param requestedBy who asked for the erasure (recorded as a salted commitment)
 * @param basis the legal basis or reason, recorded in the clear ({@code GDPR Art. 17(1)(a)}); must
 *     not hold personal data
 * @since 0.1
 */
public record ErasureRequest(
    @Nullable String dataSubject, Set<String> decisionIds, String requestedBy, String basis) {

  /** The basis recorded when none is given. */
  public static final String GDPR_ERASURE = "GDPR Art. 17";

  public ErasureRequest {
    decisionIds = Set.copyOf(new TreeSet<>(decisionIds));
    if ((dataSubject == null) == decisionIds.isEmpty()) {
      throw new IllegalArgumentException(
          "an erasure request names either a data subject or decisions, not both and not neither");
    }
    if (dataSubject != null && dataSubject.isBlank()) {
      throw new IllegalArgumentException("dataSubject must not be blank");
    }
    Checks.requireText(requestedBy, "requestedBy");
    Checks.requireText(basis, "basis");
  }

  /** Erases every entry whose personal data contains {@code identifier}. */
  public static ErasureRequest forDataSubject(String identifier, String requestedBy) {
    Objects.requireNonNull(identifier, "identifier");
    return new ErasureRequest(identifier, Set.of(), requestedBy, GDPR_ERASURE);
  }

  /** Erases the personal data of the entries of {@code decisionIds}. */
  public static ErasureRequest forDecisions(Collection<String> decisionIds, String requestedBy) {
    return new ErasureRequest(null, Set.copyOf(decisionIds), requestedBy, GDPR_ERASURE);
  }

  /** This request with another basis. */
  public ErasureRequest withBasis(String basis) {
    return new ErasureRequest(dataSubject, decisionIds, requestedBy, basis);
  }

  /** Shows the decisions and basis, never the data subject or the requester. */
  @Override
  public String toString() {
    return "ErasureRequest[" + (dataSubject != null ? "data subject" : "decisions " + decisionIds)
        + ", basis=" + basis + "]";
  }
}
