package dev.lexecon.policy.condition;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/** The input and named lists the table-driven condition tests evaluate against. */
final class ConditionFixtures {
  private ConditionFixtures() {}

  static final NamedLists LISTS =
      NamedLists.of(
          Map.of(
              "eu_regions", List.of("EU", "EEA", "CH"),
              "small_ints", List.of(1, 2L, 3),
              "ratios", List.of(0.5, 1.5),
              "mixed_list", List.of("a", 1),
              "precise", List.of(new BigDecimal("0.10"), new BigInteger("123456789012345678901234567890")),
              "allowed_tools", List.of("search", "browse", "read")));

  static final ConditionInput INPUT = ConditionInput.ofMap(root());

  static Map<String, Object> root() {
    Map<String, Object> root = new HashMap<>();
    root.put("t", true);
    root.put("f", false);
    root.put("n", null);
    root.put("s", "hello");
    root.put("empty", "");
    root.put("str1", "1");
    root.put("i1", 1);
    root.put("l1", 1L);
    root.put("d1", 1.0);
    root.put("bd1", new BigDecimal("1.00"));
    root.put("bi1", BigInteger.ONE);
    root.put("f15", 1.5f);
    root.put("p60", 1L << 60);
    root.put("p60plus1", (1L << 60) + 1);
    root.put("d60", (double) (1L << 60));
    root.put("bd60plus1", new BigDecimal("1152921504606846977"));
    root.put("tenth", 0.1);
    root.put("bd_tenth", new BigDecimal("0.1"));
    root.put("half", 0.5);
    root.put("nan", Double.NaN);
    root.put("inf", Double.POSITIVE_INFINITY);
    root.put("nums", List.of(1, 2, 3));
    root.put("linked_nums", new LinkedList<>(List.of(1, 2, 3)));
    root.put("mixed", List.of(1, "a", true));
    root.put("with_null", Arrays.asList("a", null));
    root.put("tags", List.of("a", "b"));
    root.put("no_tags", List.of());
    root.put("obj", Map.of("k", "v"));
    root.put("actor", "ai_agent:assistant");
    root.put(
        "args",
        Map.of(
            "url", "https://api.example.com/v1/items",
            "path", "/tmp/a/b",
            "amount", 250,
            "tools", List.of("search", "browse")));
    Map<String, Object> context = new HashMap<>();
    context.put("human_confirmed", true);
    context.put("risk_level", 3);
    context.put("region", "EU");
    context.put("answer", "yes");
    context.put("cleared", null);
    root.put("context", context);
    return root;
  }
}
