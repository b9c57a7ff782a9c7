/**
 * JSON as Lexecon hashes and signs it: the RFC 8785 JSON Canonicalization Scheme (JCS) over a
 * plain-Java JSON model, plus a strict parser into that model.
 *
 * <p>{@link dev.lexecon.json.Jcs} is the only public type. Everything in this package is
 * stateless and thread-safe.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.json;

import org.jspecify.annotations.NullMarked;
