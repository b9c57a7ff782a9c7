/**
 * Risk values: six {@linkplain dev.lexecon.api.risk.RiskDimension dimensions}, the {@linkplain
 * dev.lexecon.api.risk.RiskFactor factors} that raise them, and the resulting {@linkplain
 * dev.lexecon.api.risk.RiskAssessment assessment}. Immutable and thread-safe.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.api.risk;

import org.jspecify.annotations.NullMarked;
