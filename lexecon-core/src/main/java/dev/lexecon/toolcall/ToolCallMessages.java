package dev.lexecon.toolcall;

import dev.lexecon.api.Decision;
import dev.lexecon.api.FieldViolation;
import dev.lexecon.api.InvalidRequestException;
import dev.lexecon.api.Reason;
import java.util.List;

/**
 * The texts a model reads instead of a tool's result. Each starts with a fixed phrase (so logs and
 * tests can recognise it), names the tool and the decision, gives the reasons, and ends with what
 * the model should do next: the model is the one that has to react.
 */
final class ToolCallMessages {
  private ToolCallMessages() {}

  static String denied(ToolCall call, Decision d) {
    return "DENIED by Lexecon: the call to '" + call.toolName() + "' was not run (decision "
        + d.decisionId() + "). Why: " + reasons(d.reasons())
        + ". Do not retry it with the same arguments; tell the user it is not allowed.";
  }

  static String pending(ToolCall call, Decision d) {
    return "PENDING human approval: the call to '" + call.toolName() + "' has not run yet"
        + " (decision " + d.decisionId() + ", awaiting " + String.join(", ", d.obligations())
        + "). Why: " + reasons(d.reasons())
        + ". Tell the user it is waiting for approval; do not retry it.";
  }

  static String conditional(ToolCall call, Decision d) {
    return "NOT RUN by Lexecon: the call to '" + call.toolName() + "' needs "
        + String.join(", ", d.obligations()) + " first (decision " + d.decisionId() + "). Why: "
        + reasons(d.reasons()) + ". Retry only once the application has recorded "
        + (d.obligations().size() == 1 ? "it" : "them") + ".";
  }

  static String invalid(ToolCall call, InvalidRequestException e) {
    StringBuilder b = new StringBuilder("INVALID tool call: '").append(call.toolName())
        .append("' was not run because its request is malformed: ");
    List<FieldViolation> violations = e.violations();
    for (int i = 0; i < violations.size(); i++) {
      if (i > 0) {
        b.append("; ");
      }
      b.append(violations.get(i));
    }
    return b.append(". Fix the arguments and call it again.").toString();
  }

  static String refused(ToolCall call, Decision d, String refusal) {
    return "REFUSED: the call to '" + call.toolName() + "' was approved (decision "
        + d.decisionId() + ") but not run: " + refusal + ".";
  }

  private static String reasons(List<Reason> reasons) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < reasons.size(); i++) {
      if (i > 0) {
        b.append("; ");
      }
      Reason r = reasons.get(i);
      String text = r.message();
      if (r.ruleId() != null && !text.startsWith(r.ruleId())) {
        text = r.ruleId() + ": " + text;
      }
      b.append(text);
    }
    return b.toString();
  }
}
