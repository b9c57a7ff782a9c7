package dev.lexecon.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("When the ledger's hand-off spins before parking")
class SpinPolicyTest {
  @Test
  @DisplayName("it spins while spins catch their event, stops after four misses in a row, and probes once every 64 waits")
  void learnsFromMisses() {
    LedgerWriter.SpinPolicy policy = new LedgerWriter.SpinPolicy();
    for (int i = 0; i < 100; i++) {
      assertThat(policy.worthSpinning()).as("wait %d while spins succeed", i).isTrue();
      policy.spun(true);
    }
    for (int i = 0; i < LedgerWriter.SpinPolicy.MISS_LIMIT; i++) {
      assertThat(policy.worthSpinning()).isTrue();
      policy.spun(false);
    }
    long spins = IntStream.range(0, 64 * 10).filter(i -> policy.worthSpinning()).count();
    assertThat(spins).as("probes in 640 waits after the misses").isEqualTo(10);

    // a probe that catches its event turns spinning back on
    while (!policy.worthSpinning()) {
      // wait for the next probe
    }
    policy.spun(true);
    assertThat(policy.worthSpinning()).isTrue();
  }
}
