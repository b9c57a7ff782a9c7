package dev.lexecon.api.policy;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A named thing a policy talks about: an actor, action, resource, data class, tool or context
 * flag.
 *
 * <p>A request value matches a term when it equals the term id, the id without its type prefix
 * ({@code actor:model} is matched by {@code model}), the label, or the term's {@code value}, which
 * may be a glob where {@code *} matches any run of characters. Never by substring.
 *
 * @param id unique id within the policy, conventionally prefixed by its type ({@code actor:model})
 * @param type the request attribute it matches
 * @param value an exact value or a glob such as {@code ai_agent:*}, or {@code null} to match by id
 *     and label only
 * @param label a display name that also matches, or {@code null}
 * @param description free text for humans, or {@code null}
 * @param attributes extra metadata, kept but not interpreted
 * @since 0.1
 */
public record Term(
    String id,
    TermType type,
    @Nullable String value,
    @Nullable String label,
    @Nullable String description,
    Map<String, Object> attributes) {

  public Term {
    Frozen.requireText(id, "term id");
    Objects.requireNonNull(type, "type");
    attributes = Frozen.map(attributes);
  }

  /** A term that matches by id, and by {@code value} when it is not {@code null}. */
  public static Term of(TermType type, String id, @Nullable String value) {
    return new Term(id, type, value, null, null, Map.of());
  }
}
