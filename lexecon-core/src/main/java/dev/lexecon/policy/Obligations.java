package dev.lexecon.policy;

/**
 * Which obligations only a human can meet. An agent must never be able to confirm itself, so these
 * are never satisfied by the request's own context, only by a recorded human decision.
 */
final class Obligations {
  private Obligations() {}

  static boolean needsHuman(String obligation) {
    return obligation.equals("human_confirmation")
        || obligation.equals("dual_authorization")
        || obligation.startsWith("human_")
        || obligation.endsWith("_approval")
        || obligation.endsWith("_review")
        || obligation.endsWith("_confirmation");
  }
}
