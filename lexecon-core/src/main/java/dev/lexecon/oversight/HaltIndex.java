package dev.lexecon.oversight;

import dev.lexecon.api.domain.GovernanceDomain;
import dev.lexecon.api.oversight.Halt;
import dev.lexecon.api.oversight.HaltScope;
import dev.lexecon.internal.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Halts compiled for the decide hot path: an immutable array, usually empty, checked in halt order.
 * With no halt it costs one length check.
 */
final class HaltIndex {
  static final HaltIndex EMPTY = new HaltIndex(List.of());

  private final Halt[] halts;
  private final @Nullable Glob[] globs;

  HaltIndex(List<Halt> halts) {
    this.halts = halts.toArray(new Halt[0]);
    this.globs = new Glob[this.halts.length];
    for (int i = 0; i < this.halts.length; i++) {
      HaltScope s = this.halts[i].scope();
      globs[i] = s instanceof HaltScope.Actors a ? Glob.compile(a.pattern())
          : s instanceof HaltScope.Tools t ? Glob.compile(t.pattern())
          : null;
    }
  }

  boolean isEmpty() {
    return halts.length == 0;
  }

  List<Halt> halts() {
    return List.of(halts);
  }

  /** The first halt whose scope covers a request with these attributes, or null. */
  @Nullable Halt covering(String actor, String tool, Set<GovernanceDomain> domains) {
    for (int i = 0; i < halts.length; i++) {
      if (covers(i, actor, tool, domains)) {
        return halts[i];
      }
    }
    return null;
  }

  /** Every halt covering a request with these attributes. */
  List<Halt> allCovering(String actor, String tool, Set<GovernanceDomain> domains) {
    List<Halt> out = new ArrayList<>(1);
    for (int i = 0; i < halts.length; i++) {
      if (covers(i, actor, tool, domains)) {
        out.add(halts[i]);
      }
    }
    return out;
  }

  private boolean covers(int i, String actor, String tool, Set<GovernanceDomain> domains) {
    HaltScope s = halts[i].scope();
    if (s instanceof HaltScope.Everything) {
      return true;
    }
    if (s instanceof HaltScope.Domain d) {
      return domains.contains(d.domain());
    }
    if (s instanceof HaltScope.Actors) {
      return globs[i].matches(actor);
    }
    return globs[i].matches(tool);
  }

  static boolean covers(HaltScope scope, String actor, String tool, Set<GovernanceDomain> domains) {
    Halt probe = new Halt("probe", scope, null, "probe", java.time.Instant.EPOCH, "entry_0", null);
    return new HaltIndex(List.of(probe)).covering(actor, tool, domains) != null;
  }
}
