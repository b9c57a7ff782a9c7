/**
 * Test kit for Lexecon users and storage authors: {@link dev.lexecon.testing.LedgerStorageContract},
 * the contract test every {@link dev.lexecon.api.ledger.LedgerStorage} extends; {@link
 * dev.lexecon.testing.SampleRecords}, realistic hashed ledger records; and {@link
 * dev.lexecon.testing.MutableClock}, a clock tests can set and advance.
 *
 * <p>This module is meant for test scope. It depends on lexecon-api, JUnit Jupiter and AssertJ,
 * never on lexecon-core.
 *
 * @since 0.1
 */
@NullMarked
package dev.lexecon.testing;

import org.jspecify.annotations.NullMarked;
