package dev.lexecon.oversight;

import dev.lexecon.api.IdGenerator;
import dev.lexecon.api.Outcome;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.PermissionDeniedException;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.ledger.LedgerEngine;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * What every oversight desk shares: the ledger it appends to, the projection it applies each
 * appended entry to, the lock that serialises changes, the clock and ids, the RBAC check that
 * records refusals, and the lookup of decisions. A change is "check state under {@link #writes},
 * {@link #record}, read the projection": the projection is only ever changed by applying ledger
 * entries, live or when an engine reopens a ledger.
 */
final class Recorder {
  static final int MAX_TEXT = 2000;

  final OversightConfig config;
  final LedgerEngine ledger;
  final Clock clock;
  final IdGenerator ids;
  final Projection state = new Projection();
  final DecisionLookup decisions;
  final ReentrantLock writes = new ReentrantLock();
  /** Revokes every token of a decision (through the engine's ledgered revocation list). */
  final BiConsumer<String, String> revokeDecision;

  Recorder(OversightConfig config, LedgerEngine ledger, Clock clock, IdGenerator ids,
      BiConsumer<String, String> revokeDecision) {
    this.config = config;
    this.ledger = ledger;
    this.clock = clock;
    this.ids = ids;
    this.decisions = new DecisionLookup(ledger);
    this.revokeDecision = revokeDecision;
  }

  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Appends and applies one event; callers that check state first hold {@link #writes}. */
  LedgerEntry record(EventType type, Map<String, ?> payload, Instant at) {
    LedgerEntry entry = ledger.append(type, payload, at);
    state.apply(entry);
    return entry;
  }

  String newId(String prefix) {
    return prefix + ids.nextId();
  }

  LedgerEntry decisionEntry(String decisionId) {
    return decisions.find(decisionId, state.decisionEntries.get(decisionId))
        .orElseThrow(() -> new IllegalArgumentException("no decision " + decisionId + " in the ledger"));
  }

  static Outcome outcomeOf(LedgerEntry decision) {
    return Projection.enumOf(Outcome.class, (String) decision.payload().get("outcome"));
  }

  void require(Principal p, Permission permission, String operation, @Nullable String target) {
    Objects.requireNonNull(p, "principal");
    if (!config.access().permits(p, permission)) {
      throw refuse(p, operation, permission, "permission " + permission.jsonName(), target);
    }
  }

  /** Records a refusal and returns the exception to throw. */
  PermissionDeniedException refuse(Principal p, String operation,
      @Nullable Permission permission, String requirement, @Nullable String target) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("operation", operation);
    if (permission != null) {
      payload.put("permission", permission.jsonName());
    }
    payload.put("requirement", requirement);
    if (target != null) {
      payload.put("target", target);
    }
    Fields.actor(payload, p);
    ledger.append(EventType.ACCESS_DENIED, payload, now());
    return new PermissionDeniedException(operation, p.id(), permission, requirement);
  }

  static String roleList(Set<Role> roles) {
    return String.join(", ", Fields.roleNames(roles));
  }

  /** A person's text, trimmed: not blank, at most {@link #MAX_TEXT} characters. */
  static String text(@Nullable String value, String name) {
    Objects.requireNonNull(value, name);
    String t = value.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    if (t.length() > MAX_TEXT) {
      throw new IllegalArgumentException(name + " is " + t.length() + " characters long; at most "
          + MAX_TEXT + " allowed");
    }
    return t;
  }

  static @Nullable String optText(@Nullable String value, String name) {
    return value == null || value.isBlank() ? null : text(value, name);
  }
}
