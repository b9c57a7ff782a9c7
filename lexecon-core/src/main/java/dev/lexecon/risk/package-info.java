/**
 * Risk assessment: {@link dev.lexecon.risk.RiskAssessor} scores a request on six dimensions under
 * a {@link dev.lexecon.risk.RiskProfile}. Every default number is explained in {@code
 * docs/risk.md}.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.risk;

import org.jspecify.annotations.NullMarked;
