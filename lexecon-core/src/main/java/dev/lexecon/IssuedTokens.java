package dev.lexecon;

import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.TokenClaims;
import dev.lexecon.oversight.OversightEngine;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The capability tokens this engine issued that have not yet expired, with what they grant, so a
 * halt can revoke those in its scope by decision id (through the ledgered revocation list, which
 * verifiers in other processes follow). Thread-safe.
 *
 * <p>Tokens are kept in the order they were issued, which is the order they expire in (one issuer,
 * one lifetime), so dropping the expired ones only ever looks at the oldest: registering costs the
 * same whether a thousand or a million tokens are alive. (A map swept every few thousand issues
 * scanned every live token each time: 15% of {@code decide()}'s CPU at 50,000 decisions/s.) A
 * token that expires out of order (a clock stepped back) stays until those before it go, and is
 * skipped by {@link #decisionsIn}, which checks every expiry.
 *
 * <p>The store holds what was issued in the last token lifetime: at 10,000 approvals/s and the
 * default 5 minutes, three million tokens. So a token is not an object but a slot in {@link Block}s
 * of parallel arrays, with its decision id packed into two {@code long}s when it has the engine's
 * own form ({@code dec_} and a ULID): 40 bytes a token where a record in a linked queue, with its id
 * string, took about 140. Besides the memory, every long-lived object young collections copy
 * lengthens their pauses, and at tens of thousands of approvals a second the tokens were a third
 * of what survived each one.
 */
final class IssuedTokens {
  /** Tokens per block: small enough that a ledger with few approvals holds little, large enough to
   * make the block objects themselves negligible. */
  static final int BLOCK = 1024;
  private static final String PREFIX = "dec_";

  /**
   * A run of consecutive tokens; slots before {@code first} have been dropped. A slot is written
   * once, under the lock, before {@code count} passes it, and never again.
   */
  private static final class Block {
    final long[] expiresAtSecond = new long[BLOCK];
    final long[] idHigh = new long[BLOCK];
    final long[] idLow = new long[BLOCK];
    /** The decision id when it is not {@code dec_} and a ULID; null where it is packed. */
    final @Nullable String[] otherIds = new String[BLOCK];
    final String[] actors = new String[BLOCK];
    final String[] tools = new String[BLOCK];
    @SuppressWarnings("unchecked")
    final Set<GovernanceDomain>[] domains = new Set[BLOCK];
    int first;
    int count;
  }

  /** Oldest block first; guarded by {@link #lock}. */
  private final ArrayDeque<Block> blocks = new ArrayDeque<>();
  /** One short critical section per approval; a lock-free queue needed an object per token. */
  private final ReentrantLock lock = new ReentrantLock();
  private final Clock clock;

  IssuedTokens(Clock clock) {
    this.clock = clock;
  }

  void register(CapabilityToken token, Set<GovernanceDomain> domains) {
    TokenClaims c = token.claims();
    String decisionId = c.decisionId();
    long expires = c.expiresAt().getEpochSecond();
    boolean packed = decisionId.startsWith(PREFIX) && Ulids.isUlid(decisionId, PREFIX.length());
    long high = packed ? Ulids.high(decisionId, PREFIX.length()) : 0;
    long low = packed ? Ulids.low(decisionId, PREFIX.length()) : 0;
    lock.lock();
    try {
      // The token's issue time is now, to the second the expiries are counted in.
      dropExpired(c.issuedAt().getEpochSecond());
      Block b = blocks.peekLast();
      if (b == null || b.count == BLOCK) {
        b = new Block();
        blocks.addLast(b);
      }
      int i = b.count++;
      b.expiresAtSecond[i] = expires;
      b.idHigh[i] = high;
      b.idLow[i] = low;
      b.otherIds[i] = packed ? null : decisionId;
      b.actors[i] = c.subject();
      b.tools[i] = c.tool();
      b.domains[i] = domains;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Decision ids of unexpired tokens in the halt's scope, in issue order. The scan runs outside the
   * lock, so approvals are not held up while a halt looks through millions of tokens: it reads the
   * slots that were filled when it took the lock, which are never written again.
   */
  List<String> decisionsIn(Halt halt) {
    long nowSecond = clock.instant().getEpochSecond();
    List<Block> held;
    int[] ends;
    int[] starts;
    lock.lock();
    try {
      dropExpired(nowSecond);
      held = new ArrayList<>(blocks);
      starts = new int[held.size()];
      ends = new int[held.size()];
      for (int k = 0; k < held.size(); k++) {
        starts[k] = held.get(k).first;
        ends[k] = held.get(k).count;
      }
    } finally {
      lock.unlock();
    }
    Set<String> out = new LinkedHashSet<>();
    for (int k = 0; k < held.size(); k++) {
      Block b = held.get(k);
      for (int i = starts[k]; i < ends[k]; i++) {
        // Expiries are whole seconds: now is before one exactly when its whole second is.
        if (nowSecond < b.expiresAtSecond[i]
            && OversightEngine.covers(halt.scope(), b.actors[i], b.tools[i], b.domains[i])) {
          String other = b.otherIds[i];
          out.add(other != null ? other : PREFIX + Ulids.text(b.idHigh[i], b.idLow[i]));
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** How many tokens are kept; for tests. */
  int size() {
    lock.lock();
    try {
      int size = 0;
      for (Block b : blocks) {
        size += b.count - b.first;
      }
      return size;
    } finally {
      lock.unlock();
    }
  }

  /** How many blocks are held; for tests. */
  int blocks() {
    lock.lock();
    try {
      return blocks.size();
    } finally {
      lock.unlock();
    }
  }

  /** Under the lock: drops the oldest tokens while they have expired. */
  private void dropExpired(long nowSecond) {
    Block b;
    while ((b = blocks.peekFirst()) != null) {
      // A dropped slot keeps its strings until its block goes (at most one block's worth), so a
      // halt scanning outside the lock never finds a slot it took emptied under it.
      while (b.first < b.count && b.expiresAtSecond[b.first] <= nowSecond) {
        b.first++;
      }
      if (b.first < b.count || b.count < BLOCK) {
        return; // the oldest live token is not expired, or the block is still being filled
      }
      blocks.pollFirst();
    }
  }

  /**
   * ULIDs as two {@code long}s: 26 characters of Crockford base32, most significant first, whose
   * top two bits are zero (the first character is at most 7). Only the canonical upper-case form is
   * packed, so the text comes back exactly as it was.
   */
  static final class Ulids {
    static final int LENGTH = 26;
    private static final char[] DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
      java.util.Arrays.fill(VALUES, (byte) -1);
      for (int v = 0; v < DIGITS.length; v++) {
        VALUES[DIGITS[v]] = (byte) v;
      }
    }

    private Ulids() {}

    /** Whether {@code s} from {@code from} to its end is one canonical ULID. */
    static boolean isUlid(String s, int from) {
      if (s.length() - from != LENGTH || s.charAt(from) > '7') {
        return false;
      }
      for (int i = from; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (ch >= 128 || VALUES[ch] < 0) {
          return false;
        }
      }
      return true;
    }

    /**
     * The upper 64 of the 128 bits. Character {@code i} holds bits {@code 5 * (25 - i)} to {@code
     * 5 * (25 - i) + 4}, so characters 0-12 give the upper 63 bits (the top two of the 130 are zero)
     * and the top bit of character 13 is bit 64.
     */
    static long high(String s, int from) {
      long v = 0;
      for (int i = 0; i < 13; i++) {
        v = (v << 5) | VALUES[s.charAt(from + i)];
      }
      return (v << 1) | (VALUES[s.charAt(from + 13)] >>> 4);
    }

    /** The lower 64 bits: the low 4 bits of character 13 (bits 60-63) and characters 14-25. */
    static long low(String s, int from) {
      long v = VALUES[s.charAt(from + 13)] & 15;
      for (int i = 14; i < LENGTH; i++) {
        v = (v << 5) | VALUES[s.charAt(from + i)];
      }
      return v;
    }

    static String text(long high, long low) {
      char[] out = new char[LENGTH];
      for (int i = LENGTH - 1; i >= 14; i--) {
        out[i] = DIGITS[(int) (low & 31)];
        low >>>= 5;
      }
      out[13] = DIGITS[(int) ((low & 15) | ((high & 1) << 4))];
      high >>>= 1;
      for (int i = 12; i >= 0; i--) {
        out[i] = DIGITS[(int) (high & 31)];
        high >>>= 5;
      }
      return new String(out);
    }
  }
}
