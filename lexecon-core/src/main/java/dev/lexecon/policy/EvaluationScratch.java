package dev.lexecon.policy;

import dev.lexecon.api.DecisionRequest;
import dev.lexecon.api.Reason;
import java.util.Arrays;
import java.util.List;

/**
 * The working space of one {@link PolicyEngine#evaluate} call: the terms the request matched, the
 * relations that apply, and the reasons, obligations and advisories collected so far.
 *
 * <p>Evaluation is the hot path of every decision and takes a few hundred nanoseconds; allocating
 * this space afresh each time cost about as much memory traffic as the evaluation itself. So each
 * thread keeps one and reuses it. It holds no state between calls: {@link #release} clears every
 * reference, so a thread's scratch never keeps a request alive. A virtual thread gets its own, as
 * it would get a fresh one without reuse. Confined to one thread; if an evaluation on this thread
 * is already using it (nothing re-enters today, but a condition input could one day call back),
 * {@link #acquire} hands out a fresh one instead.
 */
final class EvaluationScratch {
  private static final ThreadLocal<EvaluationScratch> PER_THREAD =
      ThreadLocal.withInitial(EvaluationScratch::new);
  /** Lists that grew beyond this for one odd request are dropped rather than kept per thread. */
  private static final int KEEP_CAPACITY = 256;

  IntList matched = new IntList(16);
  /** Applicable relations, each as {@code index << 2 | kind}, ascending, so in declaration order. */
  IntList applicable = new IntList(8);
  final RequestConditionInput input = new RequestConditionInput();
  private boolean inputBound;
  private Reason[] reasons = new Reason[4];
  private int reasonCount;
  private String[] obligations = new String[4];
  private int obligationCount;
  private String[] advisories = new String[2];
  private int advisoryCount;
  private boolean busy;

  static EvaluationScratch acquire() {
    EvaluationScratch scratch = PER_THREAD.get();
    if (scratch.busy) {
      scratch = new EvaluationScratch();
    }
    scratch.busy = true;
    return scratch;
  }

  /** The condition input, bound to {@code request} on first use in this evaluation. */
  RequestConditionInput input(DecisionRequest request) {
    if (!inputBound) {
      input.bind(request);
      inputBound = true;
    }
    return input;
  }

  void release() {
    matched.clear();
    applicable.clear();
    if (matched.capacity() > KEEP_CAPACITY) {
      matched = new IntList(16);
    }
    if (applicable.capacity() > KEEP_CAPACITY) {
      applicable = new IntList(8);
    }
    if (inputBound) {
      input.bind(null);
      inputBound = false;
    }
    reasons = clear(reasons, reasonCount);
    reasonCount = 0;
    obligations = clear(obligations, obligationCount);
    obligationCount = 0;
    advisories = clear(advisories, advisoryCount);
    advisoryCount = 0;
    busy = false;
  }

  private static <T> T[] clear(T[] array, int count) {
    if (array.length > KEEP_CAPACITY) {
      return Arrays.copyOf(array, 4);
    }
    Arrays.fill(array, 0, count, null);
    return array;
  }

  void addReason(Reason reason) {
    if (reasonCount == reasons.length) {
      reasons = Arrays.copyOf(reasons, reasonCount * 2);
    }
    reasons[reasonCount++] = reason;
  }

  /** Adds an obligation unless present; there are rarely more than two, so a scan beats a set. */
  void addObligation(String obligation) {
    for (int i = 0; i < obligationCount; i++) {
      if (obligations[i].equals(obligation)) {
        return;
      }
    }
    if (obligationCount == obligations.length) {
      obligations = Arrays.copyOf(obligations, obligationCount * 2);
    }
    obligations[obligationCount++] = obligation;
  }

  void addAdvisory(String advisory) {
    if (advisoryCount == advisories.length) {
      advisories = Arrays.copyOf(advisories, advisoryCount * 2);
    }
    advisories[advisoryCount++] = advisory;
  }

  List<Reason> reasons() {
    return copy(reasons, reasonCount);
  }

  List<String> obligations() {
    return copy(obligations, obligationCount);
  }

  List<String> advisories() {
    return copy(advisories, advisoryCount);
  }

  /** An immutable copy; the one- and two-element forms allocate no array. */
  private static <T> List<T> copy(T[] array, int count) {
    switch (count) {
      case 0:
        return List.of();
      case 1:
        return List.of(array[0]);
      case 2:
        return List.of(array[0], array[1]);
      default:
        return List.of(Arrays.copyOf(array, count));
    }
  }
}
