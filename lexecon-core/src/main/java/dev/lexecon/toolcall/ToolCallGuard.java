package dev.lexecon.toolcall;

import dev.lexecon.Lexecon;
import dev.lexecon.api.Decision;
import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.api.token.CapabilityToken;
import dev.lexecon.api.token.ExpectedCall;
import dev.lexecon.api.token.TokenVerification;
import dev.lexecon.token.TokenVerifier;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Decides a tool call before it runs: maps it to a request ({@link ToolCallMapper}), asks {@link
 * Lexecon#decide}, tells an optional listener, on an allowed decision verifies its capability
 * token against the call (when {@linkplain Builder#verifyTokens asked to}) and runs the optional
 * {@link ExecutionCheck}, and returns a {@link ToolCallVerdict}. Framework adapters (LangChain4j, MCP)
 * are thin shells around this class.
 *
 * <p>Denials, escalations, unmet obligations and malformed calls all come back as verdicts with a
 * text for the model, never as exceptions, so the agent loop continues and the model can react.
 * Exceptions from the mapper (other than {@link InvalidRequestException}), the listener or the
 * check propagate.
 *
 * <p>Immutable and thread-safe when the mapper, listener and check are.
 *
 * @since 0.1
 */
public final class ToolCallGuard {
  private final Lexecon lexecon;
  private final ToolCallMapper mapper;
  private final ExecutionCheck check;
  private final @Nullable TokenVerifier tokenVerifier;
  private final @Nullable BiConsumer<ToolCall, Decision> listener;

  private ToolCallGuard(Builder b, ToolCallMapper mapper) {
    this.lexecon = b.lexecon;
    this.mapper = mapper;
    this.check = b.check;
    this.tokenVerifier = b.tokenVerifier;
    this.listener = b.listener;
  }

  /** A guard with the default mapping for {@code actor} and no extra check. */
  public static ToolCallGuard forActor(Lexecon lexecon, String actor) {
    return builder(lexecon).actor(actor).build();
  }

  /** Starts configuring a guard for {@code lexecon}. */
  public static Builder builder(Lexecon lexecon) {
    return new Builder(lexecon);
  }

  /**
   * Decides a call whose arguments arrive as JSON text (see {@link ToolCall#fromJson}). Text that
   * is not a JSON object gives an {@link ToolCallVerdict.Status#INVALID} verdict (whose call has no
   * arguments) rather than an exception, so the model can fix it.
   */
  public ToolCallVerdict checkJson(String toolName, @Nullable String argumentsJson, @Nullable String callId) {
    ToolCall call;
    try {
      call = ToolCall.fromJson(toolName, argumentsJson, callId);
    } catch (InvalidRequestException e) {
      ToolCall unparsed = new ToolCall(toolName, java.util.Map.of(), callId);
      return new ToolCallVerdict(unparsed, ToolCallVerdict.Status.INVALID, null,
          ToolCallMessages.invalid(unparsed, e));
    }
    return check(call);
  }

  /** Decides {@code call}; see the class documentation. */
  public ToolCallVerdict check(ToolCall call) {
    Objects.requireNonNull(call, "call");
    DecisionRequest request;
    Decision decision;
    try {
      request = mapper.toRequest(call);
      decision = lexecon.decide(request);
    } catch (InvalidRequestException e) {
      return new ToolCallVerdict(call, ToolCallVerdict.Status.INVALID, null,
          ToolCallMessages.invalid(call, e));
    }
    if (listener != null) {
      listener.accept(call, decision);
    }
    switch (decision.outcome()) {
      case APPROVED: {
        String refusal = tokenRefusal(call, request, decision);
        if (refusal == null) {
          refusal = check.refusal(call, decision);
        }
        return refusal == null
            ? new ToolCallVerdict(call, ToolCallVerdict.Status.ALLOWED, decision, "")
            : new ToolCallVerdict(call, ToolCallVerdict.Status.REFUSED, decision,
                ToolCallMessages.refused(call, decision, refusal));
      }
      case CONDITIONAL:
        return new ToolCallVerdict(call, ToolCallVerdict.Status.CONDITIONAL, decision,
            ToolCallMessages.conditional(call, decision));
      case ESCALATED:
        return new ToolCallVerdict(call, ToolCallVerdict.Status.PENDING, decision,
            ToolCallMessages.pending(call, decision));
      default:
        return new ToolCallVerdict(call, ToolCallVerdict.Status.DENIED, decision,
            ToolCallMessages.denied(call, decision));
    }
  }

  /**
   * Why the decision's token does not prove this call, or {@code null} when it does (or tokens are
   * not verified). The expected call is the decided request's actor, action, tool and resource with
   * the arguments of the call about to run, so arguments that differ from the decided ones (a
   * mapper that rewrote them) are caught by the token's digest.
   */
  private @Nullable String tokenRefusal(ToolCall call, DecisionRequest request, Decision decision) {
    if (tokenVerifier == null) {
      return null;
    }
    CapabilityToken token = decision.token();
    if (token == null) {
      return "the decision carries no capability token to verify";
    }
    TokenVerification v = tokenVerifier.verify(token.value(), new ExpectedCall(request.actor(),
        request.action(), request.tool(), request.resource(), call.arguments()));
    if (v instanceof TokenVerification.Rejected r) {
      return "its capability token does not verify for this call (" + r.reason()
          + (r.claim() == null ? "" : ", claim " + r.claim()) + ": " + r.message() + ")";
    }
    return null;
  }

  /**
   * Configures a {@link ToolCallGuard}. Set exactly one of {@link #actor} and {@link #mapper}.
   * Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Lexecon lexecon;
    private @Nullable ToolCallMapper mapper;
    private ExecutionCheck check = ExecutionCheck.none();
    private @Nullable TokenVerifier tokenVerifier;
    private @Nullable BiConsumer<ToolCall, Decision> listener;

    private Builder(Lexecon lexecon) {
      this.lexecon = Objects.requireNonNull(lexecon, "lexecon");
    }

    /** Uses {@link ToolCallMapper#forActor(String)}: every call is made by {@code actor}. */
    public Builder actor(String actor) {
      return mapper(ToolCallMapper.forActor(actor));
    }

    /**
     * How calls become requests.
     *
     * @throws IllegalStateException when a mapper (or actor) was already set
     */
    public Builder mapper(ToolCallMapper mapper) {
      Objects.requireNonNull(mapper, "mapper");
      if (this.mapper != null) {
        throw new IllegalStateException("the mapper (or actor) was already set");
      }
      this.mapper = mapper;
      return this;
    }

    /**
     * Verifies the capability token of every allowed decision before the tool runs, with {@code
     * verifier}: {@link Lexecon#tokenVerifier()} in the deciding process, or one built from {@link
     * Lexecon#publicTokenKeys()}. The token must have been issued for the decided request's actor,
     * action, tool and resource and for the arguments of the call about to run (the token carries
     * their digest, {@link ToolCall#argumentsDigest()}), and be unexpired, unrevoked and, with a
     * single-use verifier, unused. Otherwise the call is {@link ToolCallVerdict.Status#REFUSED}
     * with the verifier's reason. Runs before {@link #beforeExecution}'s check.
     *
     * @throws IllegalStateException when a verifier was already set
     */
    public Builder verifyTokens(TokenVerifier verifier) {
      Objects.requireNonNull(verifier, "verifier");
      if (tokenVerifier != null) {
        throw new IllegalStateException("a token verifier was already set");
      }
      this.tokenVerifier = verifier;
      return this;
    }

    /** A check between an allowed decision and the tool running; see {@link ExecutionCheck}. */
    public Builder beforeExecution(ExecutionCheck check) {
      this.check = Objects.requireNonNull(check, "check");
      return this;
    }

    /**
     * Called with every decision, whatever its outcome, before the verdict is returned: to show
     * an escalation in a UI, count denials, or keep the decision id next to the tool call.
     */
    public Builder onDecision(BiConsumer<ToolCall, Decision> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the guard.
     *
     * @throws IllegalStateException when neither an actor nor a mapper was set
     */
    public ToolCallGuard build() {
      if (mapper == null) {
        throw new IllegalStateException("no mapper set: call actor(...) or mapper(...) first");
      }
      return new ToolCallGuard(this, mapper);
    }
  }
}
