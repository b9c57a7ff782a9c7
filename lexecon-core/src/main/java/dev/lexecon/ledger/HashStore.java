package dev.lexecon.ledger;

import java.util.Arrays;

/**
 * An append-only array of 32-byte hashes kept in fixed 32 KiB chunks: no object per hash, no
 * copying of existing hashes when the store grows, and only the chunk directory (one reference per
 * 1024 hashes) is ever reallocated.
 *
 * <p>One writer, many readers. The writer fills a slot and only then lets readers learn that the
 * slot exists (through the owner's volatile size), so a reader that asks only for published indices
 * sees fully written bytes: the volatile write/read pair orders the slot write before the read. The
 * directory is itself volatile so a reader never sees a directory array whose elements were written
 * without a happens-before edge.
 */
final class HashStore {
  static final int CHUNK_SHIFT = 10;
  private static final int CHUNK_HASHES = 1 << CHUNK_SHIFT;
  private static final int CHUNK_MASK = CHUNK_HASHES - 1;
  private static final int CHUNK_BYTES = CHUNK_HASHES * TreeHasher.HASH_LENGTH;
  private static final byte[][] NO_CHUNKS = new byte[0][];

  private volatile byte[][] chunks = NO_CHUNKS;

  /** The chunk holding hash {@code index}; the hash starts at {@link #offset(long)}. */
  byte[] chunk(long index) {
    return chunks[(int) (index >>> CHUNK_SHIFT)];
  }

  static int offset(long index) {
    return ((int) index & CHUNK_MASK) * TreeHasher.HASH_LENGTH;
  }

  /** Writer only: the chunk for slot {@code index}, allocating it (and directory room) first. */
  byte[] chunkForWrite(long index) {
    int chunkIndex = (int) (index >>> CHUNK_SHIFT);
    byte[][] directory = chunks;
    if (chunkIndex >= directory.length) {
      int capacity = Math.max(4, Math.max(chunkIndex + 1, 2 * directory.length));
      directory = Arrays.copyOf(directory, capacity);
      chunks = directory;
    }
    byte[] chunk = directory[chunkIndex];
    if (chunk == null) {
      // Storing into the already published directory is safe: readers only dereference slots
      // below a size the owner publishes after this store.
      chunk = new byte[CHUNK_BYTES];
      directory[chunkIndex] = chunk;
    }
    return chunk;
  }

  /** Bytes held by the chunks allocated so far, for capacity planning and tests. */
  long allocatedBytes() {
    long total = 0;
    for (byte[] chunk : chunks) {
      if (chunk != null) {
        total += chunk.length;
      }
    }
    return total;
  }
}
