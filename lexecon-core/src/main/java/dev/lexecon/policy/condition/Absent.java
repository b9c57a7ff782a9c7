package dev.lexecon.policy.condition;

/**
 * The type of {@link ConditionInput#ABSENT}. An enum so that the marker stays a singleton even
 * across serialization, and so that identity comparison ({@code ==}) is always correct.
 */
enum Absent {
  INSTANCE;

  @Override
  public String toString() {
    return "ConditionInput.ABSENT";
  }
}
