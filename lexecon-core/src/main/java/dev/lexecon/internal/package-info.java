/**
 * Shared implementation helpers. Not API: anything here may change without notice.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.internal;

import org.jspecify.annotations.NullMarked;
