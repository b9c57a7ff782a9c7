/**
 * Other policy engines holding the generated policies, for the side-by-side benchmark: jCasbin,
 * SAPL 3.0.0 and cedar-java. Each documents how Lexecon's semantics were bridged, and {@code
 * PeerEquivalenceTest} checks that every engine gives Lexecon's allow/deny on every request of
 * the stream. Not API.
 */
@NullMarked
package dev.lexecon.benchmarks.peers;

import org.jspecify.annotations.NullMarked;
