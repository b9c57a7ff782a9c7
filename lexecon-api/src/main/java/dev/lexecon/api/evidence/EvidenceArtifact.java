package dev.lexecon.api.evidence;

import dev.lexecon.api.ledger.Hash;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A registered evidence artifact, as its {@code evidence} ledger entry records it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id {@code art_<sha256 of content>}, lowercase hex
 * @param type what kind of record it is
 * @param contentHash the SHA-256 of the content
 * @param size the content's length in bytes
 * @param mediaType the content's media type ({@code application/pdf})
 * @param decisionIds the decisions it is evidence for, sorted, without duplicates
 * @param controlKeys the controls it is evidence for, as {@code FRAMEWORK:id} keys ({@code
 *     EU_AI_ACT:Art. 11}), sorted, without duplicates
 * @param metadata free-form descriptive metadata (title, author, version), sorted by key; recorded
 *     in the clear, so it must not hold personal data
 * @param registeredAt when it was registered (the entry's timestamp)
 * @param entryId the ledger entry that records it
 * @param signingKey the C2SP verifier key ({@code <name>+<hash>+<key>}) whose Ed25519 signature
 *     the entry carries
 * @since 0.1
 */
public record EvidenceArtifact(
    String id,
    ArtifactType type,
    Hash contentHash,
    long size,
    String mediaType,
    List<String> decisionIds,
    List<String> controlKeys,
    Map<String, String> metadata,
    Instant registeredAt,
    String entryId,
    String signingKey) {

  /** The prefix of every artifact id. */
  public static final String ID_PREFIX = "art_";

  public EvidenceArtifact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(contentHash, "contentHash");
    if (!id.equals(idOf(contentHash))) {
      throw new IllegalArgumentException(
          "artifact id " + id + " is not " + ID_PREFIX + " followed by its content hash");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, was " + size);
    }
    Objects.requireNonNull(mediaType, "mediaType");
    decisionIds = List.copyOf(new TreeSet<>(decisionIds));
    controlKeys = List.copyOf(new TreeSet<>(controlKeys));
    metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
    Objects.requireNonNull(registeredAt, "registeredAt");
    Objects.requireNonNull(entryId, "entryId");
    Objects.requireNonNull(signingKey, "signingKey");
  }

  /** The artifact id of content with this hash: {@code art_<hex>}. */
  public static String idOf(Hash contentHash) {
    return ID_PREFIX + contentHash.hex();
  }
}
