package dev.lexecon.api.ledger;

/**
 * When an append to the ledger counts as done, traded against throughput. Chosen once per engine
 * ({@code Lexecon.builder().durability(...)}); every append of that engine follows it.
 *
 * <p>In every mode one writer at a time serialises appends, so the chain never forks; the modes
 * only differ in when the caller is released and how many entries share one storage commit. Under
 * {@link #SYNC} and {@link #GROUP} the appending threads take turns writing (a caller waiting for
 * its commit writes what is queued, its own entry and others'), so the storage runs on application
 * threads; under {@link #ASYNC} the ledger's own writer thread writes.
 *
 * @since 0.1
 */
public enum Durability {
  /**
   * Each entry is committed to storage on its own, and the caller returns after that commit. The
   * strongest and slowest mode: one storage transaction (for SQLite, one fsync) per entry.
   */
  SYNC,

  /**
   * Entries from concurrent callers are committed together in one storage transaction (group
   * commit), and each caller returns after the commit that holds its entry. As durable as {@link
   * #SYNC}: no caller is released before its entry is stored. The default.
   */
  GROUP,

  /**
   * The caller returns as soon as its entry has a sequence number and a hash, before the storage
   * commit. <b>Loss window:</b> entries acknowledged but not yet committed (at most the writer's
   * queue plus the batch being committed, typically well under a millisecond of traffic) are lost
   * if the process dies or the storage fails; a storage failure is logged with the affected
   * sequence range. If another process appends to the same storage first, a not-yet-committed entry
   * is renumbered and the entry id returned for it no longer names it, so use this mode only with a
   * storage that one process owns.
   */
  ASYNC
}
