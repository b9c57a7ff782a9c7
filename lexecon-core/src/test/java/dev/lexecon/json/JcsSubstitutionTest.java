package dev.lexecon.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Jcs.canonicalize with a substitution")
class JcsSubstitutionTest {

  @Test
  @DisplayName("canonicalizeFramed puts the same bytes between free space, and refuses negative frames")
  void framed() {
    Map<String, Object> model = Map.of("when", Instant.EPOCH, "n", 1);
    Jcs.Substitution epoch = (value, at) -> "epoch";
    byte[] plain = Jcs.canonicalize(model, epoch);
    byte[] framed = Jcs.canonicalizeFramed(model, epoch, 3, 5);
    assertThat(framed).hasSize(3 + plain.length + 5);
    assertThat(java.util.Arrays.copyOfRange(framed, 3, 3 + plain.length)).isEqualTo(plain);
    assertThat(java.util.Arrays.copyOfRange(framed, 0, 3)).containsOnly(0);
    assertThat(java.util.Arrays.copyOfRange(framed, 3 + plain.length, framed.length)).containsOnly(0);
    assertThat(Jcs.canonicalizeFramed(model, epoch, 0, 0)).isEqualTo(plain);
    assertThatThrownBy(() -> Jcs.canonicalizeFramed(model, epoch, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frame sizes must be >= 0, were before=-1, after=0");
    assertThatThrownBy(() -> Jcs.canonicalizeFramed(model, epoch, 0, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after=-2");
  }

  @Test
  @DisplayName("asks only for the values JCS cannot write, with their path and pointer")
  void substitutesOnlyWhatItMust() {
    List<String> asked = new ArrayList<>();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("plain", List.of(1, 2.5, "x", true));
    model.put("a/b", Map.of("when", Instant.EPOCH));
    model.put("big", new BigInteger("9007199254740993"));
    model.put("nan", Double.NaN);
    byte[] out = Jcs.canonicalize(model, (value, at) -> {
      asked.add(at + " " + at.toPointer());
      return value instanceof Instant ? "epoch" : value.toString();
    });
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(
        "{\"a/b\":{\"when\":\"epoch\"},\"big\":\"9007199254740993\",\"nan\":\"NaN\","
            + "\"plain\":[1,2.5,\"x\",true]}");
    assertThat(asked).containsExactly(
        "$[\"a/b\"].when /a~1b/when", "$.big /big", "$.nan /nan");
  }

  @Test
  @DisplayName("without anything to substitute, writes the same bytes as canonicalize")
  void sameBytesAsPlain() {
    Map<String, Object> model = Map.of("k", List.of(Map.of("z", 1, "a", "é"), 1e21, -0.0));
    assertThat(Jcs.canonicalize(model, (v, at) -> {
      throw new AssertionError("asked for " + at);
    })).isEqualTo(Jcs.canonicalize(model));
  }

  @Test
  @DisplayName("never substitutes within a replacement: one that is not plain JSON is refused")
  void replacementMustBePlain() {
    assertThatThrownBy(() -> Jcs.canonicalize(Map.of("x", Instant.EPOCH),
        (v, at) -> Map.of("inner", new BigDecimal("0.10000000000000000001"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Number at $.x.inner");
  }

  @Test
  @DisplayName("a refusal propagates, and the thread's writer is clean for the next call")
  void refusalPropagates() {
    assertThatThrownBy(() -> Jcs.canonicalize(Map.of("x", Instant.EPOCH), (v, at) -> {
      throw new IllegalArgumentException("no " + at);
    })).hasMessage("no $.x");
    assertThat(Jcs.canonicalString(Map.of("a", 1))).isEqualTo("{\"a\":1}");
    assertThatThrownBy(() -> Jcs.canonicalize(Map.of("x", Instant.EPOCH)))
        .hasMessageStartingWith("Value at $.x has unsupported type java.time.Instant");
  }

  @Test
  @DisplayName("a substitution may canonicalize too: nested calls get their own writer")
  void nestedCanonicalization() {
    Map<String, Object> model = Map.of("a", Instant.EPOCH, "b", List.of(Instant.EPOCH, "s"));
    byte[] out = Jcs.canonicalize(model,
        (v, at) -> Jcs.canonicalString(Map.of("nested", at.toPointer(), "deeper",
            Jcs.canonicalString(List.of(at.toString())))));
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(
        "{\"a\":\"{\\\"deeper\\\":\\\"[\\\\\\\"$.a\\\\\\\"]\\\",\\\"nested\\\":\\\"/a\\\"}\","
            + "\"b\":[\"{\\\"deeper\\\":\\\"[\\\\\\\"$.b[0]\\\\\\\"]\\\",\\\"nested\\\":\\\"/b/0\\\"}\",\"s\"]}");
  }
}
