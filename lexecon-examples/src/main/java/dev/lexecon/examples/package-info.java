/**
 * Runnable demonstrations of Lexecon. Not API.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.examples;

import org.jspecify.annotations.NullMarked;
