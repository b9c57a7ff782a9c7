package dev.lexecon.api.compliance;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One missing piece of evidence for a control.
 *
 * <p>Immutable and thread-safe.
 *
 * @param reason why evidence is missing
 * @param primitive the primitive whose evidence is missing, or {@code null} for {@link
 *     GapReason#NOT_SERVED}
 * @param detail what exactly was looked for ("no override or intervention records in
 *     [2026-01-01T00:00:00Z, 2026-04-01T00:00:00Z)")
 * @since 0.1
 */
public record GapFinding(GapReason reason, @Nullable GovernancePrimitive primitive, String detail) {
  public GapFinding {
    Objects.requireNonNull(reason, "reason");
    if ((reason == GapReason.NOT_SERVED) != (primitive == null)) {
      throw new IllegalArgumentException(
          "a finding names a primitive exactly when its reason is not NOT_SERVED: " + reason);
    }
    Checks.requireText(detail, "detail");
  }
}
