package dev.lexecon.api.oversight;

import java.util.Locale;

/**
 * What a human did to a decision under EU AI Act Art. 14(4)(d): disregard or reverse the output
 * (rejection), change it (modification), or affirm it (confirmation).
 *
 * @since 0.1
 */
public enum InterventionType {
  /** The output was disregarded or reversed; the decision's tokens are revoked. */
  REJECTION,
  /** The output was changed before use. */
  MODIFICATION,
  /** The output was checked and affirmed. */
  CONFIRMATION;

  /** The lower-case name used in ledger payloads. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
