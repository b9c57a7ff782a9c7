package dev.lexecon.token;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Read access to the members of a parsed JSON object, with {@link Map}'s meaning: {@link #get}
 * gives {@code null} for a missing member and for a JSON {@code null}. Lets token header and claim
 * checks run unchanged on {@link dev.lexecon.json.Jcs}'s generic model and on {@link FlatJsonObject}'s fast one.
 */
interface JsonMembers {
  @Nullable Object get(String name);

  boolean contains(String name);

  /** A view of a map parsed by {@link dev.lexecon.json.Jcs#parse}. */
  static JsonMembers of(Map<?, ?> object) {
    return new JsonMembers() {
      @Override
      public @Nullable Object get(String name) {
        return object.get(name);
      }

      @Override
      public boolean contains(String name) {
        return object.containsKey(name);
      }
    };
  }
}
