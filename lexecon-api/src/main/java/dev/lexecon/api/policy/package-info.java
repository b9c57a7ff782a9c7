/**
 * Policy values: {@link dev.lexecon.api.policy.Policy} and its terms, relations and constraints,
 * as loaded from the reference JSON format or built in Java with {@link
 * dev.lexecon.api.policy.Policy#builder(String, String)}. All immutable and thread-safe.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.api.policy;

import org.jspecify.annotations.NullMarked;
