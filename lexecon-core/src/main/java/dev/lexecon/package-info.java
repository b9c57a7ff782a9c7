/**
 * The entry point: {@link dev.lexecon.Lexecon#builder()} assembles a governance engine in process.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon;

import org.jspecify.annotations.NullMarked;
