package dev.lexecon.policy;

/**
 * Which obligations only a human can meet. An agent must never be able to confirm itself, so these
 * are never satisfied by the request's own context, only by a recorded human decision. Stateless.
 *
 * @since 0.1
 */
public final class Obligations {
  private Obligations() {}

  /**
   * Whether only a human can meet {@code obligation}: {@code human_confirmation}, the four-eyes
   * obligations {@code dual_authorization} and {@code four_eyes}, and any {@code human_*}, {@code
   * *_approval}, {@code *_review} or {@code *_confirmation}.
   */
  public static boolean needsHuman(String obligation) {
    return obligation.equals("human_confirmation")
        || isFourEyes(obligation)
        || obligation.startsWith("human_")
        || obligation.endsWith("_approval")
        || obligation.endsWith("_review")
        || obligation.endsWith("_confirmation");
  }

  /**
   * Whether {@code obligation} demands confirmation by several distinct persons (EU AI Act Art.
   * 14(5)): {@code dual_authorization} or {@code four_eyes}.
   */
  public static boolean isFourEyes(String obligation) {
    return obligation.equals("dual_authorization") || obligation.equals("four_eyes");
  }
}
