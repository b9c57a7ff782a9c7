package dev.lexecon.api.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rule between two terms: the source (usually an actor) permits, forbids or requires something
 * of the target (an action, tool, resource or data class).
 *
 * <p>A relation applies to a request when its source matches (a relation without a source applies
 * to every actor), its target matches, its bound data class ({@code objectTermId}) is among the
 * request's data classes, and its conditions hold. Conditions that cannot be decided fail closed:
 * a guarded forbid applies, a guarded permit does not.
 *
 * @param id unique id within the policy; reasons name it
 * @param type permits, forbids, requires (implies and conflicts are parsed but inert)
 * @param sourceTermId the subject term, or {@code null} for every actor
 * @param targetTermId the object of the verb
 * @param objectTermId a data class term the relation is bound to, or {@code null}
 * @param conditions guard conditions in the policy condition language, all of which must hold
 * @param obligations for {@code requires}: what must be met (for example {@code patient_consent})
 * @param justification text shown as the reason, or {@code null}
 * @param metadata extra metadata, kept but not interpreted
 * @since 0.1
 */
public record Relation(
    String id,
    RelationType type,
    @Nullable String sourceTermId,
    String targetTermId,
    @Nullable String objectTermId,
    List<String> conditions,
    List<String> obligations,
    @Nullable String justification,
    Map<String, Object> metadata) {

  public Relation {
    Frozen.requireText(id, "relation id");
    Objects.requireNonNull(type, "type");
    Frozen.requireText(targetTermId, "target term id of relation " + id);
    conditions = List.copyOf(conditions);
    obligations = List.copyOf(obligations);
    if (type == RelationType.REQUIRES && obligations.isEmpty()) {
      throw new IllegalArgumentException("requires relation " + id + " names no obligation");
    }
    metadata = Frozen.map(metadata);
  }
}
