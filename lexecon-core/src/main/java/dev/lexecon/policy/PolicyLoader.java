package dev.lexecon.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.lexecon.api.InvalidPolicyException;
import dev.lexecon.api.PolicyMode;
import dev.lexecon.api.policy.Constraint;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.api.policy.PolicyIssue;
import dev.lexecon.api.policy.Relation;
import dev.lexecon.api.policy.RelationType;
import dev.lexecon.api.policy.Term;
import dev.lexecon.api.policy.TermType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads policies in the reference JSON format, including the forms written for the reference
 * Python implementation, and validates them as a whole. Never half-loads: any error throws {@link
 * InvalidPolicyException} listing every error with its JSON path.
 *
 * <p>Stateless and thread-safe. The format and every accepted alias are documented in {@code
 * docs/policy-language.md}.
 *
 * @since 0.1
 */
public final class PolicyLoader {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();

  /** Top-level keys of reference policies that are kept as extensions without a warning. */
  private static final Set<String> KNOWN_EXTENSIONS =
      Set.of(
          "name",
          "compliance_frameworks",
          "audit_requirements",
          "metadata",
          "created_at",
          "updated_at",
          "author",
          "tags",
          "domain");

  private static final Set<String> TERM_FIELDS =
      Set.of(
          "term_id", "id", "term_type", "type", "value", "label", "name", "description",
          "attributes", "metadata");
  private static final Set<String> RELATION_FIELDS =
      Set.of(
          "relation_id", "id", "relation_type", "type", "source_term_id", "source", "subject",
          "target_term_id", "target", "action", "object", "object_term_id", "conditions",
          "condition", "obligation", "obligations", "justification", "description", "metadata");
  /** Keys whose presence marks a relation as written in one of the reference (short) forms. */
  private static final Set<String> REFERENCE_RELATION_KEYS =
      Set.of("type", "subject", "action", "source", "target", "object", "condition");
  private static final Set<String> CONSTRAINT_FIELDS =
      Set.of("name", "condition", "action", "justification", "description");

  private PolicyLoader() {}

  /**
   * Parses and validates a policy document.
   *
   * @throws InvalidPolicyException listing every error with its JSON path
   */
  public static LoadedPolicy parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException(
          List.of(PolicyIssue.error("$", "not valid JSON: " + e.getOriginalMessage()
              + " (line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() + ")")));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidPolicyException(
          List.of(PolicyIssue.error("$", "a policy must be a JSON object")));
    }
    Reader reader = new Reader();
    Policy policy = reader.read(root);
    List<PolicyIssue> issues = new ArrayList<>(reader.issues);
    if (policy != null) {
      issues.addAll(PolicyValidator.validate(policy));
    }
    return finish(policy, issues);
  }

  /** Reads and parses a policy file (UTF-8). */
  public static LoadedPolicy read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Validates a policy built in Java (or otherwise not parsed from JSON).
   *
   * @throws InvalidPolicyException listing every error
   */
  public static LoadedPolicy validate(Policy policy) {
    return finish(policy, PolicyValidator.validate(policy));
  }

  /** The policy as canonical JSON text, in the form {@link #parse} reads back. */
  public static String toJson(Policy policy) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(PolicyJson.toMap(policy));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("policy values are always serializable", e);
    }
  }

  private static LoadedPolicy finish(@Nullable Policy policy, List<PolicyIssue> issues) {
    List<PolicyIssue> errors =
        issues.stream().filter(i -> i.severity() == PolicyIssue.Severity.ERROR).toList();
    if (!errors.isEmpty() || policy == null) {
      throw new InvalidPolicyException(errors);
    }
    return new LoadedPolicy(policy, issues);
  }

  /** One pass over a document; collects issues instead of stopping at the first. */
  private static final class Reader {
    final List<PolicyIssue> issues = new ArrayList<>();
    final Map<String, Term> declared = new LinkedHashMap<>();
    final List<Term> implicitTerms = new ArrayList<>();

    @Nullable Policy read(JsonNode root) {
      String policyId = text(root, "$", "policy_id", "id");
      if (policyId == null) {
        policyId = text(root, "$", "name");
        if (policyId != null) {
          warn("$", "no policy_id; using name '" + policyId + "' as the id");
        } else {
          error("$.policy_id", "is required");
        }
      }
      String version = scalarText(root.get("version"));
      if (version == null) {
        warn("$.version", "missing; the policy is recorded as version '0'");
        version = "0";
      }
      PolicyMode mode = null;
      JsonNode modeNode = root.get("mode");
      if (modeNode == null || modeNode.isNull()) {
        warn("$.mode", "missing; STRICT applies unless the engine or the request sets a mode");
      } else {
        mode = parseMode(modeNode);
      }
      String description = root.hasNonNull("description") ? root.get("description").asText() : null;

      List<Term> terms = readTerms(root.get("terms"));
      Map<String, List<Object>> lists = readLists(root.get("lists"));
      List<Relation> relations = readRelations(root.get("relations"));
      List<Constraint> constraints = readConstraints(root.get("constraints"));

      Map<String, Object> extensions = new LinkedHashMap<>();
      Set<String> interpreted =
          Set.of("policy_id", "id", "version", "mode", "description", "terms", "relations",
              "lists", "constraints");
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String key = field.getKey();
        if (interpreted.contains(key) || field.getValue().isNull()) {
          continue;
        }
        if (key.equals("name") && policyId != null && policyId.equals(field.getValue().asText())
            && !root.has("policy_id") && !root.has("id")) {
          continue;
        }
        if (!KNOWN_EXTENSIONS.contains(key)) {
          warn("$." + key, "unknown top-level key; kept as an extension but not interpreted");
        }
        extensions.put(key, JsonTree.toJava(field.getValue()));
      }
      if (policyId == null) {
        return null;
      }
      List<Term> allTerms = new ArrayList<>(terms);
      allTerms.addAll(implicitTerms);
      try {
        return new Policy(
            policyId, version, mode, description, allTerms, relations, constraints, lists,
            extensions);
      } catch (IllegalArgumentException e) {
        error("$", e.getMessage());
        return null;
      }
    }

    private @Nullable PolicyMode parseMode(JsonNode node) {
      String text = node.asText().toUpperCase(Locale.ROOT);
      try {
        return PolicyMode.valueOf(text);
      } catch (IllegalArgumentException e) {
        error("$.mode", "'" + node.asText() + "' is not a mode; use strict, permissive or paranoid");
        return null;
      }
    }

    private List<Term> readTerms(@Nullable JsonNode node) {
      List<Term> terms = new ArrayList<>();
      if (node == null || node.isNull()) {
        warn("$.terms", "missing; the policy declares no terms");
        return terms;
      }
      if (!node.isArray()) {
        error("$.terms", "must be an array of term objects");
        return terms;
      }
      for (int i = 0; i < node.size(); i++) {
        String path = "$.terms[" + i + "]";
        JsonNode t = node.get(i);
        if (!t.isObject()) {
          error(path, "must be an object");
          continue;
        }
        unknownFields(t, path, TERM_FIELDS);
        String id = text(t, path, "term_id", "id");
        if (id == null) {
          error(path + ".term_id", "is required");
          continue;
        }
        TermType type = null;
        String typeText = text(t, path, "term_type", "type");
        if (typeText != null) {
          Optional<TermType> parsed = TermType.fromJsonName(typeText);
          if (parsed.isEmpty()) {
            error(path + ".term_type", "'" + typeText
                + "' is not a term type; use actor, action, resource, data_class, tool or context");
            continue;
          }
          type = parsed.get();
        } else {
          type = TermIds.typeFromPrefix(id);
          if (type == null) {
            error(path + ".term_type", "is required (the id '" + id + "' has no type prefix)");
            continue;
          }
          warn(path + ".term_type", "missing; inferred " + type.jsonName() + " from the id prefix");
        }
        String value = t.hasNonNull("value") ? scalarText(t.get("value")) : null;
        String label = text(t, path, "label", "name");
        String description = t.hasNonNull("description") ? t.get("description").asText() : null;
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String key : new String[] {"attributes", "metadata"}) {
          JsonNode a = t.get(key);
          if (a != null && a.isObject()) {
            attributes.putAll(JsonTree.toJavaMap(a));
          } else if (a != null && !a.isNull()) {
            error(path + "." + key, "must be an object");
          }
        }
        Term term = new Term(id, type, value, label, description, attributes);
        terms.add(term);
        declared.putIfAbsent(id, term);
      }
      return terms;
    }

    private Map<String, List<Object>> readLists(@Nullable JsonNode node) {
      Map<String, List<Object>> lists = new LinkedHashMap<>();
      if (node == null || node.isNull()) {
        return lists;
      }
      if (!node.isObject()) {
        error("$.lists", "must be an object mapping list names to arrays");
        return lists;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String path = "$.lists." + e.getKey();
        if (!TermIds.isIdentifier(e.getKey())) {
          error(path, "list names must be identifiers ([A-Za-z_][A-Za-z0-9_]*)");
        } else if (!e.getValue().isArray()) {
          error(path, "must be an array");
        } else {
          List<Object> values = new ArrayList<>();
          for (JsonNode v : e.getValue()) {
            if (!v.isValueNode() || v.isNull()) {
              error(path, "list members must be strings, numbers or booleans");
              break;
            }
            values.add(JsonTree.toJava(v));
          }
          lists.put(e.getKey(), values);
        }
      }
      return lists;
    }

    private List<Relation> readRelations(@Nullable JsonNode node) {
      List<Relation> relations = new ArrayList<>();
      if (node == null || node.isNull()) {
        warn("$.relations", "missing; the policy declares no relations");
        return relations;
      }
      if (!node.isArray()) {
        error("$.relations", "must be an array of relation objects");
        return relations;
      }
      for (int i = 0; i < node.size(); i++) {
        String path = "$.relations[" + i + "]";
        JsonNode r = node.get(i);
        if (!r.isObject()) {
          error(path, "must be an object");
          continue;
        }
        unknownFields(r, path, RELATION_FIELDS);
        boolean referenceForm = false;
        for (String key : REFERENCE_RELATION_KEYS) {
          referenceForm |= r.has(key);
        }
        String id = text(r, path, "relation_id", "id");
        if (id == null) {
          id = "rel_" + i;
        }
        String typeText = text(r, path, "relation_type", "type");
        if (typeText == null) {
          error(path + ".relation_type", "is required (permits, forbids or requires)");
          continue;
        }
        Optional<RelationType> type = RelationType.fromJsonName(typeText);
        if (type.isEmpty()) {
          error(path + ".relation_type", "'" + typeText
              + "' is not a relation type; use permits, forbids, requires, implies or conflicts");
          continue;
        }
        JsonNode metadataNode = r.get("metadata");
        Map<String, Object> metadata = Map.of();
        if (metadataNode != null && metadataNode.isObject()) {
          metadata = JsonTree.toJavaMap(metadataNode);
        } else if (metadataNode != null && !metadataNode.isNull()) {
          error(path + ".metadata", "must be an object");
        }
        String source = text(r, path, "source_term_id", "source", "subject");
        String target = text(r, path, "target_term_id", "target", "action");
        String object = text(r, path, "object_term_id", "object");
        if (object == null && metadata.get("object") instanceof String o) {
          object = o;
        }
        String justification = text(r, path, "justification");
        if (justification == null && metadata.get("justification") instanceof String j) {
          justification = j;
        }
        if (target == null) {
          error(path + ".target_term_id", "is required");
          continue;
        }
        source = resolveTerm(source, TermType.ACTOR, path + ".source_term_id", referenceForm);
        target = resolveTerm(target, TermType.ACTION, path + ".target_term_id", referenceForm);
        object = resolveTerm(object, TermType.DATA_CLASS, path + ".object", referenceForm);

        List<String> conditions = readConditions(r, path);
        List<String> obligations = new ArrayList<>();
        JsonNode obligationNode = r.has("obligations") ? r.get("obligations") : r.get("obligation");
        if (obligationNode != null && !obligationNode.isNull()) {
          if (obligationNode.isTextual()) {
            obligations.add(obligationNode.asText());
          } else if (obligationNode.isArray()) {
            obligationNode.forEach(o -> obligations.add(o.asText()));
          } else {
            error(path + ".obligation", "must be a string or an array of strings");
          }
        }
        if (type.get() == RelationType.REQUIRES && obligations.isEmpty()) {
          // Reference form: each condition of a requires relation names an obligation that is met
          // when the request context carries it as true.
          obligations.addAll(conditions);
          conditions = List.of();
          if (obligations.isEmpty()) {
            error(path, "a requires relation must name an obligation (obligation or conditions)");
            continue;
          }
        } else if (type.get() != RelationType.REQUIRES && !obligations.isEmpty()) {
          error(path + ".obligation", "only requires relations carry obligations");
          continue;
        }
        for (int k = 0; k < obligations.size(); k++) {
          if (!TermIds.isIdentifier(obligations.get(k))) {
            error(path + ".obligation", "'" + obligations.get(k)
                + "' is not a valid obligation name ([A-Za-z_][A-Za-z0-9_]*)");
          }
        }
        relations.add(
            new Relation(id, type.get(), source, target, object, conditions, obligations,
                justification, metadata));
      }
      return relations;
    }

    private List<String> readConditions(JsonNode r, String path) {
      List<String> conditions = new ArrayList<>();
      JsonNode single = r.get("condition");
      if (single != null && !single.isNull()) {
        if (single.isTextual()) {
          conditions.add(single.asText());
        } else {
          error(path + ".condition", "must be a string");
        }
      }
      JsonNode list = r.get("conditions");
      if (list != null && !list.isNull()) {
        if (list.isTextual()) {
          conditions.add(list.asText());
        } else if (list.isArray()) {
          for (int k = 0; k < list.size(); k++) {
            if (list.get(k).isTextual()) {
              conditions.add(list.get(k).asText());
            } else {
              error(path + ".conditions[" + k + "]", "must be a string in the condition language");
            }
          }
        } else {
          error(path + ".conditions", "must be an array of strings");
        }
      }
      return conditions;
    }

    /**
     * Returns the id as declared, or declares it implicitly for reference-form relations (type from
     * its prefix, else from its position), with a warning.
     */
    private @Nullable String resolveTerm(
        @Nullable String id, TermType positional, String path, boolean referenceForm) {
      if (id == null || declared.containsKey(id)) {
        return id;
      }
      if (!referenceForm) {
        return id; // the validator reports the dangling id as an error
      }
      TermType type = TermIds.typeFromPrefix(id);
      if (type == null) {
        type = positional;
      }
      Term term = Term.of(type, id, null);
      declared.put(id, term);
      implicitTerms.add(term);
      warn(path, "term '" + id + "' is not declared; declared implicitly as " + type.jsonName());
      return id;
    }

    private List<Constraint> readConstraints(@Nullable JsonNode node) {
      List<Constraint> constraints = new ArrayList<>();
      if (node == null || node.isNull()) {
        return constraints;
      }
      if (!node.isArray()) {
        error("$.constraints", "must be an array of constraint objects");
        return constraints;
      }
      Map<String, Integer> seen = new HashMap<>();
      for (int i = 0; i < node.size(); i++) {
        String path = "$.constraints[" + i + "]";
        JsonNode c = node.get(i);
        if (!c.isObject()) {
          error(path, "must be an object");
          continue;
        }
        unknownFields(c, path, CONSTRAINT_FIELDS);
        String name = text(c, path, "name");
        if (name == null) {
          name = "constraint_" + i;
          warn(path + ".name", "missing; named '" + name + "'");
        }
        String condition = text(c, path, "condition");
        String action = text(c, path, "action");
        if (condition == null) {
          error(path + ".condition", "is required");
        }
        if (action == null) {
          error(path + ".action", "is required");
        }
        if (seen.putIfAbsent(name, i) != null) {
          error(path + ".name", "'" + name + "' is already used by $.constraints[" + seen.get(name) + "]");
          continue;
        }
        if (condition != null && action != null) {
          constraints.add(new Constraint(name, condition, action, text(c, path, "justification")));
        }
      }
      return constraints;
    }

    private void unknownFields(JsonNode node, String path, Set<String> known) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!known.contains(name)) {
          warn(path + "." + name, "unknown field; ignored");
        }
      }
    }

    /** The first present, non-null key among {@code keys}, as text; errors on non-scalars. */
    private @Nullable String text(JsonNode node, String path, String... keys) {
      for (String key : keys) {
        JsonNode v = node.get(key);
        if (v != null && !v.isNull()) {
          String s = scalarText(v);
          if (s == null) {
            error(path + "." + key, "must be a string");
          } else if (s.isBlank()) {
            error(path + "." + key, "must not be blank");
            return null;
          }
          return s;
        }
      }
      return null;
    }

    private void error(String path, String message) {
      issues.add(PolicyIssue.error(path, message));
    }

    private void warn(String path, String message) {
      issues.add(PolicyIssue.warning(path, message));
    }
  }

  private static @Nullable String scalarText(@Nullable JsonNode v) {
    if (v == null || v.isNull() || !v.isValueNode()) {
      return null;
    }
    return v.asText();
  }
}
