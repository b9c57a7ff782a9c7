/**
 * The finance domain plugin: order value limit, trading hours on an exchange calendar, human
 * approval for portfolio rebalancing, and the {@code prevent_flash_crash} and {@code
 * position_limits} policy templates. See {@link dev.lexecon.domain.finance.FinancePlugin}.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.domain.finance;

import org.jspecify.annotations.NullMarked;
