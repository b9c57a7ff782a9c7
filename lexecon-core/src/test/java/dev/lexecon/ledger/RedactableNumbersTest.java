package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lexecon.api.ledger.EventType;
import dev.lexecon.api.ledger.VerificationResult;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Personal data that is a number must verify whatever its magnitude: the side record keeps the
 * value's canonical text, and verification reads that text back and commits to it again, so every
 * number the writer accepts must survive that round trip.
 */
@DisplayName("Redactable numbers of every magnitude")
class RedactableNumbersTest {
  static Stream<Object> numbers() {
    return Stream.of(0, -1, 42L, 1.5, 1e20, -1e20, 9.007199254740993e15, 1e21, 1e-7, 123456789012345678.0,
        Double.MAX_VALUE, Double.MIN_VALUE, new BigInteger("9007199254740993"),
        new BigInteger("123456789012345678901234567890"), new BigDecimal("0.10000000000000000001"),
        new BigDecimal("1E+5000"), Long.MAX_VALUE, Long.MIN_VALUE, 3.4e38f);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("numbers")
  @DisplayName("a redactable number is committed to, and the ledger verifies with its side record")
  void verifies(Object number) {
    InMemoryLedgerStorage storage = new InMemoryLedgerStorage();
    try (LedgerEngine ledger = LedgerEngine.builder(storage).build()) {
      ledger.append(EventType.EVIDENCE, Map.of("amount", Redactable.of(number), "nested",
          Redactable.of(Map.of("values", java.util.List.of(number, "x")))));
      VerificationResult result = ledger.verify();
      assertThat(result.firstFailure()).as("first failure").isEmpty();
      assertThat(LedgerVerifier.create().verify(storage).firstFailure()).as("stand-alone").isEmpty();
    }
  }
}
