package dev.lexecon.api.domain;

import java.util.Locale;

/**
 * The regulated areas Lexecon knows by name. A {@link DomainPlugin} declares which one it governs
 * in its {@link DomainConfiguration}; several plugins may share a domain (an equities plugin and a
 * crypto plugin are both {@link #FINANCE}). Constants are immutable and thread-safe.
 *
 * @since 0.1
 */
public enum GovernanceDomain {
  /** General-purpose AI agents and models. */
  AI,
  /** Trading, payments, banking. */
  FINANCE,
  /** Clinical care and protected health information. */
  HEALTHCARE,
  /** Defense and national security. */
  DEFENSE,
  /** Vehicles and driver assistance. */
  AUTOMOTIVE,
  /** Procurement, logistics, inventory. */
  SUPPLY_CHAIN,
  /** Generation, grids, utilities. */
  ENERGY,
  /** Anything else. */
  GENERAL;

  /** The lowercase name used in JSON, the CLI and the ledger, such as {@code supply_chain}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The domain with the given {@link #jsonName()} (case-insensitive, {@code -} accepted for
   * {@code _}).
   *
   * @throws IllegalArgumentException naming the known domains when there is none
   */
  public static GovernanceDomain fromJsonName(String name) {
    String key = name.trim().replace('-', '_').toUpperCase(Locale.ROOT);
    for (GovernanceDomain d : values()) {
      if (d.name().equals(key)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "unknown governance domain '" + name + "'; known: ai, finance, healthcare, defense,"
            + " automotive, supply_chain, energy, general");
  }
}
