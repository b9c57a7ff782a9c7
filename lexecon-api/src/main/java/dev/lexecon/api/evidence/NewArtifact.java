package dev.lexecon.api.evidence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An artifact to register: its type, its content, the decisions and controls it is evidence for,
 * and descriptive metadata. Build one with {@link #builder(ArtifactType)}.
 *
 * <p>Immutable and thread-safe. Content given as bytes is copied; content given as a file is read
 * when the artifact is registered.
 *
 * @since 0.1
 */
public final class NewArtifact {
  private static final Pattern METADATA_KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  private final ArtifactType type;
  private final byte @Nullable [] bytes;
  private final @Nullable Path file;
  private final String mediaType;
  private final List<String> decisionIds;
  private final List<String> controlKeys;
  private final Map<String, String> metadata;

  private NewArtifact(Builder b) {
    this.type = b.type;
    this.bytes = b.bytes;
    this.file = b.file;
    this.mediaType = b.mediaType;
    this.decisionIds = List.copyOf(b.decisionIds);
    this.controlKeys = List.copyOf(b.controlKeys);
    this.metadata = Collections.unmodifiableMap(new TreeMap<>(b.metadata));
  }

  /** Starts describing an artifact of {@code type}. */
  public static Builder builder(ArtifactType type) {
    return new Builder(type);
  }

  /** The artifact's type. */
  public ArtifactType type() {
    return type;
  }

  /** The content's media type; {@code application/octet-stream} unless set. */
  public String mediaType() {
    return mediaType;
  }

  /** The linked decision ids, sorted. */
  public List<String> decisionIds() {
    return decisionIds;
  }

  /** The linked control keys ({@code FRAMEWORK:id}), sorted. */
  public List<String> controlKeys() {
    return controlKeys;
  }

  /** The metadata, sorted by key. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Opens the content for reading; the caller closes the stream.
   *
   * @throws UncheckedIOException if the content file cannot be opened
   */
  public InputStream openContent() {
    if (bytes != null) {
      return new ByteArrayInputStream(bytes);
    }
    Path file = Objects.requireNonNull(this.file);
    try {
      return Files.newInputStream(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read artifact content " + file + ": " + e.getMessage(), e);
    }
  }

  /** Names the type and links, never the content. */
  @Override
  public String toString() {
    return "NewArtifact[type=" + type + ", mediaType=" + mediaType + ", decisions=" + decisionIds
        + ", controls=" + controlKeys + ", metadata keys=" + metadata.keySet() + "]";
  }

  /**
   * Describes a {@link NewArtifact}. Setters check their argument at once. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final ArtifactType type;
    private byte @Nullable [] bytes;
    private @Nullable Path file;
    private String mediaType = "application/octet-stream";
    private final TreeSet<String> decisionIds = new TreeSet<>();
    private final TreeSet<String> controlKeys = new TreeSet<>();
    private final TreeMap<String, String> metadata = new TreeMap<>();

    private Builder(ArtifactType type) {
      this.type = Objects.requireNonNull(type, "type");
    }

    /** The content, copied. */
    public Builder content(byte[] content) {
      Objects.requireNonNull(content, "content");
      checkNoContent();
      this.bytes = content.clone();
      return this;
    }

    /** The content, read from {@code file} when the artifact is registered. */
    public Builder contentFile(Path file) {
      Objects.requireNonNull(file, "file");
      checkNoContent();
      this.file = file;
      return this;
    }

    private void checkNoContent() {
      if (bytes != null || file != null) {
        throw new IllegalStateException("content was already set");
      }
    }

    /**
     * The content's media type, {@code type/subtype} without parameters.
     *
     * @throws IllegalArgumentException if it is not of that form
     */
    public Builder mediaType(String mediaType) {
      Objects.requireNonNull(mediaType, "mediaType");
      if (!MEDIA_TYPE.matcher(mediaType).matches()) {
        throw new IllegalArgumentException("not a media type: '" + mediaType + "'");
      }
      this.mediaType = mediaType;
      return this;
    }

    /**
     * Links the artifact to decisions.
     *
     * @throws IllegalArgumentException if an id is blank or longer than 255 characters
     */
    public Builder decisions(String... decisionIds) {
      for (String id : decisionIds) {
        Objects.requireNonNull(id, "decision id");
        if (id.isBlank() || id.length() > 255) {
          throw new IllegalArgumentException("a decision id is 1 to 255 characters, not blank");
        }
        this.decisionIds.add(id);
      }
      return this;
    }

    /**
     * Links the artifact to controls by key, {@code FRAMEWORK:id} ({@code ISO_27001:A.5.28});
     * registration checks the keys against the control catalog.
     *
     * @throws IllegalArgumentException if a key is not of the form {@code FRAMEWORK:id}
     */
    public Builder controls(String... controlKeys) {
      for (String key : controlKeys) {
        Objects.requireNonNull(key, "control key");
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
          throw new IllegalArgumentException("a control key is FRAMEWORK:id, got '" + key + "'");
        }
        this.controlKeys.add(key);
      }
      return this;
    }

    /**
     * Adds a metadata member. Keys are 1 to 64 characters of {@code [a-z0-9_.-]} starting with a
     * letter; values at most 1,024 characters. Metadata is recorded in the clear: no personal data.
     *
     * @throws IllegalArgumentException if the key or value is malformed or the key is repeated
     */
    public Builder metadata(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (!METADATA_KEY.matcher(key).matches()) {
        throw new IllegalArgumentException("metadata key '" + key
            + "' must be 1 to 64 characters of [a-z0-9_.-] starting with a letter");
      }
      if (value.length() > 1024) {
        throw new IllegalArgumentException("metadata value of " + key + " exceeds 1024 characters");
      }
      if (metadata.putIfAbsent(key, value) != null) {
        throw new IllegalArgumentException("metadata key " + key + " was already set");
      }
      return this;
    }

    /**
     * Builds the artifact description.
     *
     * @throws IllegalStateException if no content was set
     */
    public NewArtifact build() {
      if (bytes == null && file == null) {
        throw new IllegalStateException("no content set: call content(...) or contentFile(...)");
      }
      return new NewArtifact(this);
    }
  }
}
