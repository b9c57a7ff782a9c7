/**
 * The public values, enums and exceptions of Lexecon: what an application sends ({@link
 * dev.lexecon.api.DecisionRequest}) and what it gets back ({@link dev.lexecon.api.Decision}).
 *
 * <p>Everything in this module is immutable and thread-safe unless its Javadoc says otherwise,
 * and nothing here names a third-party type.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.api;

import org.jspecify.annotations.NullMarked;
