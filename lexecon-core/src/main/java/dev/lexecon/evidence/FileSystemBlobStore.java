package dev.lexecon.evidence;

import dev.lexecon.api.evidence.BlobStore;
import dev.lexecon.api.evidence.EvidenceStoreException;
import dev.lexecon.api.ledger.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlobStore} in a directory: the default for durable use. Content lives in {@code
 * <dir>/sha256/<first two hex digits>/<64 hex digits>}, so the file name is the content's hash and
 * anyone can check a blob with {@code sha256sum}.
 *
 * <p><b>Atomic writes.</b> {@link #put} streams the content into a temporary file in {@code
 * <dir>/tmp} (same file system) while hashing it, forces it to disk, and then renames it to its
 * hash with an atomic move and forces the directory, so a crash leaves either the whole blob or
 * none under its name. A temporary file a crash leaves behind is never mistaken for content;
 * {@link #open(Path)} removes those older than a day (younger ones may belong to a put in progress
 * in another process). Content that is already stored is not written again.
 *
 * <p>Thread-safe: concurrent puts write separate temporary files, and the rename of equal content
 * is idempotent. Several processes may share the directory.
 *
 * @since 0.1
 */
public final class FileSystemBlobStore implements BlobStore {
  private static final Logger log = LoggerFactory.getLogger(FileSystemBlobStore.class);
  private static final String TMP_PREFIX = "put-";

  private final Path root;
  private final Path blobs;
  private final Path tmp;

  private FileSystemBlobStore(Path root) {
    this.root = root;
    this.blobs = root.resolve("sha256");
    this.tmp = root.resolve("tmp");
  }

  /**
   * Opens the store in {@code directory}, creating it if needed, and removes temporary files older
   * than a day that a crashed writer left.
   *
   * @throws EvidenceStoreException if the directory cannot be created or read
   */
  public static FileSystemBlobStore open(Path directory) {
    Objects.requireNonNull(directory, "directory");
    FileSystemBlobStore store = new FileSystemBlobStore(directory.toAbsolutePath().normalize());
    try {
      Files.createDirectories(store.blobs);
      Files.createDirectories(store.tmp);
      try (var leftovers = Files.newDirectoryStream(store.tmp, TMP_PREFIX + "*")) {
        java.nio.file.attribute.FileTime dayAgo = java.nio.file.attribute.FileTime.from(
            java.time.Instant.now().minus(java.time.Duration.ofDays(1)));
        for (Path p : leftovers) {
          if (Files.getLastModifiedTime(p).compareTo(dayAgo) < 0) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      throw new EvidenceStoreException(
          "cannot open evidence store in " + store.root + ": " + e.getMessage(), e);
    }
    return store;
  }

  /** The store's directory. */
  public Path directory() {
    return root;
  }

  /** Where the content with {@code hash} is (or would be) stored. */
  public Path pathOf(Hash hash) {
    String hex = hash.hex();
    return blobs.resolve(hex.substring(0, 2)).resolve(hex);
  }

  @Override
  public Hash put(InputStream content) {
    Objects.requireNonNull(content, "content");
    Path temp = null;
    try {
      temp = Files.createTempFile(tmp, TMP_PREFIX, ".blob");
      MessageDigest md = Sha256.digest();
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), md)) {
        content.transferTo(out);
        out.flush();
        channel.force(true);
      }
      Hash hash = Hash.of(md.digest());
      Path target = pathOf(hash);
      if (Files.exists(target)) {
        Files.delete(temp);
        return hash;
      }
      Files.createDirectories(target.getParent());
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException e) {
        Files.deleteIfExists(temp); // a concurrent put of the same content won
      }
      forceDirectory(target.getParent());
      log.debug("stored evidence blob {}", hash);
      return hash;
    } catch (AtomicMoveNotSupportedException e) {
      deleteQuietly(temp);
      throw new EvidenceStoreException("evidence store " + root
          + " is on a file system without atomic renames", e);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new EvidenceStoreException(
          "cannot store evidence content in " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<InputStream> open(Hash hash) {
    Objects.requireNonNull(hash, "hash");
    try {
      return Optional.of(Files.newInputStream(pathOf(hash)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new EvidenceStoreException(
          "cannot read evidence blob " + hash + " in " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean contains(Hash hash) {
    return Files.isRegularFile(pathOf(Objects.requireNonNull(hash, "hash")));
  }

  @Override
  public boolean delete(Hash hash) {
    Objects.requireNonNull(hash, "hash");
    try {
      boolean deleted = Files.deleteIfExists(pathOf(hash));
      if (deleted) {
        forceDirectory(pathOf(hash).getParent());
      }
      return deleted;
    } catch (IOException e) {
      throw new EvidenceStoreException(
          "cannot delete evidence blob " + hash + " in " + root + ": " + e.getMessage(), e);
    }
  }

  /** Makes a rename or delete in {@code dir} durable; not every platform can open a directory. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      log.debug("cannot force directory {}: {}", dir, e.getMessage());
    }
  }

  private static void deleteQuietly(@Nullable Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // the next open removes it
      }
    }
  }

  @Override
  public String toString() {
    return "FileSystemBlobStore[" + root + "]";
  }
}
