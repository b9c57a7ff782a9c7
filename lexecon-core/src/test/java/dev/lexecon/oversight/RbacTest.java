package dev.lexecon.oversight;

import static dev.lexecon.oversight.OversightFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.LedgerEntry;
import dev.lexecon.api.oversight.Permission;
import dev.lexecon.api.oversight.PermissionDeniedException;
import dev.lexecon.api.oversight.Principal;
import dev.lexecon.api.oversight.Role;
import dev.lexecon.api.policy.Policy;
import dev.lexecon.testing.MutableClock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("RBAC for human operations: the matrix, typed refusals, ledgered refusals")
class RbacTest {
  private final MutableClock clock = clock();

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
      "viewer,             VIEW_DASHBOARD",
      "auditor,            VIEW_DASHBOARD GENERATE_AUDIT EXPORT_DATA",
      "compliance_officer, VIEW_DASHBOARD GENERATE_AUDIT APPROVE_REQUESTS EXPORT_DATA VIEW_SENSITIVE",
      "admin,              VIEW_DASHBOARD GENERATE_AUDIT APPROVE_REQUESTS EXPORT_DATA MANAGE_USERS MANAGE_POLICIES VIEW_SENSITIVE",
      "executive,          ''",
  })
  @DisplayName("the default matrix grants exactly what docs/oversight.md lists")
  void defaultMatrix(String role, String granted) {
    Principal p = Principal.of("p@bank.example", Role.of(role));
    Set<String> expected = granted.isBlank() ? Set.of() : Set.of(granted.trim().split("\\s+"));
    for (Permission permission : Permission.values()) {
      assertThat(AccessPolicy.defaults().permits(p, permission))
          .as(role + " " + permission).isEqualTo(expected.contains(permission.name()));
    }
    assertThat(AccessPolicy.defaults().permissions(Role.of(role))).hasSize(expected.size());
  }

  @Test
  @DisplayName("a matrix can grant permissions to an application's own roles; a principal's roles add up")
  void customGrants() {
    AccessPolicy access = AccessPolicy.defaults().grant(EXECUTIVE, Permission.APPROVE_REQUESTS);
    assertThat(access.permits(Principal.of("c@x", EXECUTIVE), Permission.APPROVE_REQUESTS)).isTrue();
    assertThat(AccessPolicy.defaults().permits(Principal.of("c@x", EXECUTIVE),
        Permission.APPROVE_REQUESTS)).isFalse();
    assertThat(access.permits(Principal.of("c@x", EXECUTIVE, Role.VIEWER),
        Permission.VIEW_DASHBOARD)).isTrue();
    assertThat(access.matrix()).containsKeys(Role.VIEWER, Role.ADMIN, EXECUTIVE);
    Principal ceo = Principal.of("ceo@bank.example", EXECUTIVE);
    try (Lexecon lexecon = builder(clock).oversight(OversightConfig.builder().access(access).build())
        .build()) {
      Decision d = lexecon.decide(wipe());
      assertThat(lexecon.oversight().override(d.decisionId(), ceo,
          dev.lexecon.api.oversight.OverrideType.EXECUTIVE_OVERRIDE,
          dev.lexecon.api.Outcome.APPROVED, "approved decommissioning of the host", null))
          .isNotNull();
    }
  }

  @Test
  @DisplayName("roles are compared by exact name and validated")
  void roleNames() {
    assertThat(Role.of("compliance_officer")).isEqualTo(Role.COMPLIANCE_OFFICER);
    assertThat(Role.of("executive_intern")).isNotEqualTo(EXECUTIVE);
    assertThatThrownBy(() -> Role.of("Executive")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Role.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Principal.of("nobody@x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Principal.of(" ", Role.ADMIN)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("swapping a policy on someone's behalf needs MANAGE_POLICIES and names them in policy_loaded")
  void swapPolicy() {
    Policy next = Policy.builder("oversight", "2").actor("actor:agent", "agent:*")
        .action("action:read", null).permits("actor:agent", "action:read").build();
    try (Lexecon lexecon = lexecon(clock)) {
      assertThatThrownBy(() -> lexecon.swapPolicy(next, ALICE))
          .isInstanceOfSatisfying(PermissionDeniedException.class, ex -> {
            assertThat(ex.permission()).isEqualTo(Permission.MANAGE_POLICIES);
            assertThat(ex.operation()).isEqualTo("swap_policy");
          });
      assertThat(lexecon.policy().version()).isEqualTo("1");
      LedgerEntry refusal = entries(lexecon, EventType.ACCESS_DENIED).get(0);
      assertThat(refusal.payload()).containsEntry("permission", "manage_policies")
          .containsEntry("requirement", "permission manage_policies");
      lexecon.swapPolicy(next, ROOT);
      assertThat(lexecon.policy().version()).isEqualTo("2");
      List<LedgerEntry> loads = entries(lexecon, EventType.POLICY_LOADED);
      assertThat(loads.get(1).payload()).containsEntry("roles", List.of("admin"));
      assertThat(committed(loads.get(1).payload().get("loaded_by"))).isTrue();
      assertThat(loads.get(0).payload()).doesNotContainKey("loaded_by");
      lexecon.swapPolicy(POLICY); // embedding code still swaps without a principal
      assertThat(lexecon.policy().version()).isEqualTo("1");
    }
  }

  @Test
  @DisplayName("export needs EXPORT_DATA, and VIEW_SENSITIVE to include personal data")
  void export() {
    try (Lexecon lexecon = lexecon(clock)) {
      lexecon.decide(read());
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      lexecon.oversight().export(AUDREY, out, false);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"decision\"");
      assertThatThrownBy(() -> lexecon.oversight().export(AUDREY, new ByteArrayOutputStream(), true))
          .isInstanceOfSatisfying(PermissionDeniedException.class,
              ex -> assertThat(ex.permission()).isEqualTo(Permission.VIEW_SENSITIVE));
      assertThatThrownBy(() -> lexecon.oversight().export(VERA, new ByteArrayOutputStream(), false))
          .isInstanceOfSatisfying(PermissionDeniedException.class,
              ex -> assertThat(ex.permission()).isEqualTo(Permission.EXPORT_DATA));
      lexecon.oversight().export(ALICE, new ByteArrayOutputStream(), true);
      assertThat(entries(lexecon, EventType.ACCESS_DENIED)).hasSize(2);
    }
  }

  @Test
  @DisplayName("legal holds need GENERATE_AUDIT; placing and releasing are recorded as the compliance records")
  void legalHolds() {
    try (Lexecon lexecon = lexecon(clock)) {
      Decision d = lexecon.decide(read());
      assertThatThrownBy(() -> lexecon.oversight().placeLegalHold(VERA, "litigation",
          Set.of(d.decisionId()))).isInstanceOf(PermissionDeniedException.class);
      var hold = lexecon.oversight().placeLegalHold(AUDREY, "litigation 2026-17",
          Set.of(d.decisionId()));
      assertThat(hold.heldBy()).isEqualTo(AUDREY.id());
      assertThat(hold.decisionIds()).containsExactly(d.decisionId());
      assertThat(lexecon.oversight().legalHolds()).containsExactly(hold);
      assertThatThrownBy(() -> lexecon.oversight().placeLegalHold(AUDREY, "x", Set.of()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> lexecon.oversight().placeLegalHold(AUDREY, "x",
          Set.of(d.decisionId(), "dec_missing"))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dec_missing");
      assertThat(lexecon.oversight().legalHolds()).containsExactly(hold);
      // Without the permission a made-up id meets the same refusal as a real one, and is ledgered:
      // the caller learns nothing about which ids exist.
      assertThatThrownBy(() -> lexecon.oversight().placeLegalHold(VERA, "probe",
          Set.of("dec_missing"))).isInstanceOf(PermissionDeniedException.class);
      assertThat(entries(lexecon, EventType.ACCESS_DENIED)).hasSize(2)
          .allSatisfy(e -> assertThat(e.payload()).containsEntry("operation", "legal_hold"));
      var released = lexecon.oversight().releaseLegalHold(hold.id(), AUDREY);
      assertThat(released.releasedAt()).isNotNull();
      assertThat(lexecon.oversight().legalHolds()).isEmpty();
      assertThatThrownBy(() -> lexecon.oversight().releaseLegalHold(hold.id(), AUDREY))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> lexecon.oversight().releaseLegalHold(hold.id(), VERA))
          .isInstanceOf(PermissionDeniedException.class);
      assertThat(entries(lexecon, EventType.LEGAL_HOLD)).extracting(e -> e.payload().get("action"))
          .containsExactly("placed", "released");
      assertThat(committed(entries(lexecon, EventType.LEGAL_HOLD).get(0).payload().get("held_by")))
          .isTrue();
      // One record of holds: the compliance view sees what oversight placed, and erasure honours it.
      assertThat(lexecon.compliance().legalHolds()).containsExactly(released);
    }
  }

  @Test
  @DisplayName("host applications can guard their own operations with the same matrix and ledger")
  void authorize() {
    try (Lexecon lexecon = lexecon(clock)) {
      lexecon.oversight().authorize(ROOT, Permission.MANAGE_USERS, "add_user");
      assertThatThrownBy(() -> lexecon.oversight().authorize(ALICE, Permission.MANAGE_USERS,
          "add_user")).isInstanceOf(PermissionDeniedException.class);
      assertThat(entries(lexecon, EventType.ACCESS_DENIED)).singleElement()
          .satisfies(e -> assertThat(e.payload()).containsEntry("operation", "add_user"));
    }
  }
}
