package dev.lexecon.api.oversight;

import dev.lexecon.api.domain.GovernanceDomain;
import java.util.Objects;

/**
 * What a {@link Halt} stops: every decision, the decisions of one governance domain (those a
 * registered plugin of that domain applies to), of actors matching a glob, or of tools matching a
 * glob ({@code *} matches any run of characters, as in policy terms). Immutable and thread-safe.
 *
 * @since 0.1
 */
public sealed interface HaltScope {

  /** Every decision. */
  static HaltScope everything() {
    return Everything.INSTANCE;
  }

  /** Decisions a registered plugin of {@code domain} applies to. */
  static HaltScope domain(GovernanceDomain domain) {
    return new Domain(domain);
  }

  /** Decisions of actors matching {@code pattern}, such as {@code agent:trader-*}. */
  static HaltScope actors(String pattern) {
    return new Actors(pattern);
  }

  /** Decisions about tools matching {@code pattern}, such as {@code transfer_funds}. */
  static HaltScope tools(String pattern) {
    return new Tools(pattern);
  }

  /** A short description for reasons and logs, such as {@code tool transfer_funds}. */
  String describe();

  /**
   * Every decision.
   *
   * @since 0.1
   */
  enum Everything implements HaltScope {
    /** The only instance. */
    INSTANCE;

    @Override
    public String describe() {
      return "everything";
    }
  }

  /**
   * The decisions of one governance domain.
   *
   * @param domain the domain
   * @since 0.1
   */
  record Domain(GovernanceDomain domain) implements HaltScope {
    /** Checks the domain. */
    public Domain {
      Objects.requireNonNull(domain, "domain");
    }

    @Override
    public String describe() {
      return "domain " + domain.jsonName();
    }
  }

  /**
   * The decisions of actors matching a glob.
   *
   * @param pattern the glob, 1 to 255 characters
   * @since 0.1
   */
  record Actors(String pattern) implements HaltScope {
    /** Checks the pattern. */
    public Actors {
      Texts.require(pattern, "actor pattern", 255);
    }

    @Override
    public String describe() {
      return "actors " + pattern;
    }
  }

  /**
   * The decisions about tools matching a glob.
   *
   * @param pattern the glob, 1 to 100 characters
   * @since 0.1
   */
  record Tools(String pattern) implements HaltScope {
    /** Checks the pattern. */
    public Tools {
      Texts.require(pattern, "tool pattern", 100);
    }

    @Override
    public String describe() {
      return "tools " + pattern;
    }
  }
}
