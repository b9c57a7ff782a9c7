/**
 * The policy engine: loading the reference JSON format, static validation, compilation into
 * indexes, and evaluation. {@link dev.lexecon.policy.PolicyLoader} reads and validates policies;
 * {@link dev.lexecon.policy.PolicyEngine} evaluates requests against one compiled snapshot.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.policy;

import org.jspecify.annotations.NullMarked;
