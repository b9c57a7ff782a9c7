/**
 * Human oversight: escalations with SLAs, four-eyes confirmation, overrides, EU AI Act Art. 14
 * interventions, the stop switch, legal holds, serious incidents (Art. 73), contestation and
 * explanation (GDPR Art. 22(3)), accountability, RBAC and per-actor rate limiting.
 *
 * <p>Public: {@link dev.lexecon.oversight.Oversight} (what {@code Lexecon.oversight()} returns),
 * {@link dev.lexecon.oversight.OversightConfig} and {@link dev.lexecon.oversight.AccessPolicy}
 * (configuration), and {@link dev.lexecon.oversight.OversightEngine} (the implementation {@code
 * Lexecon} wires into {@code decide()}). Everything else is package-private: the ledger projection,
 * payload fields, the halt index, the rate limiter, signatures, explanations and accountability.
 * {@code docs/oversight.md} describes every record and the RBAC matrix.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.oversight;

import org.jspecify.annotations.NullMarked;
