/**
 * JMH benchmarks for Lexecon and the deterministic workloads they run on. Not API: nothing here is
 * published, and names may change whenever the suite does.
 */
@NullMarked
package dev.lexecon.benchmarks;

import org.jspecify.annotations.NullMarked;
