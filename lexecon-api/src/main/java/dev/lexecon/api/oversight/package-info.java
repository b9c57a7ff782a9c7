/**
 * Values of human oversight: who acts ({@link dev.lexecon.api.oversight.Principal}, {@link
 * dev.lexecon.api.oversight.Role}, {@link dev.lexecon.api.oversight.Permission}) and the records
 * humans leave in the ledger: {@linkplain dev.lexecon.api.oversight.Escalation escalations},
 * {@linkplain dev.lexecon.api.oversight.DecisionOverride overrides}, EU AI Act Art. 14 {@linkplain
 * dev.lexecon.api.oversight.Intervention interventions}, {@linkplain
 * dev.lexecon.api.oversight.Halt halts} (the stop switch), four-eyes {@linkplain
 * dev.lexecon.api.oversight.Confirmation confirmations}, serious {@linkplain
 * dev.lexecon.api.oversight.Incident incidents}, {@linkplain dev.lexecon.api.oversight.Contest
 * contests}, {@linkplain dev.lexecon.api.oversight.Explanation explanations} and the {@linkplain
 * dev.lexecon.api.oversight.ResponsibilityChain responsibility} behind each decision.
 *
 * <p>Every value here is immutable and thread-safe; each is a projection of ledger events, so the
 * same value comes back after a restart. {@code docs/oversight.md} describes the records and the
 * RBAC matrix.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.api.oversight;

import org.jspecify.annotations.NullMarked;
