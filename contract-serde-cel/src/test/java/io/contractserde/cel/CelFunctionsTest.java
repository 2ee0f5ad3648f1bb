package io.contractserde.cel;

import static io.contractserde.cel.Customers.props;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.json.JsonContractSerializer;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The extension functions, the string extensions and {@code matches}, with passing and failing
 * values: one guarded rule per function and form ({@code message.f == 'isEmail'; message.v.isEmail()}
 * and {@code message.f == 'global isEmail'; isEmail(message.v)}).
 */
class CelFunctionsTest {
  private static final String SCOPE = "cel-functions-" + System.nanoTime();
  private static final List<String> FUNCTIONS =
      List.of("isEmail", "isHostname", "isIpv4", "isIpv6", "isUri", "isUriRef", "isUuid");
  private static JsonContractSerializer<Object> serializer;

  @BeforeAll
  static void register() {
    List<Rule> rules = new ArrayList<>();
    for (String f : FUNCTIONS) {
      rules.add(Rule.of(f, RuleKind.CONDITION, RuleMode.WRITE, "CEL", "message.f == '" + f + "'; message.v." + f + "()"));
      rules.add(Rule.of(f + "_global", RuleKind.CONDITION, RuleMode.WRITE, "CEL",
          "message.f == 'global " + f + "'; " + f + "(message.v)"));
    }
    rules.add(Rule.of("strings", RuleKind.CONDITION, RuleMode.WRITE, "CEL", """
        message.f == 'strings'; message.v.lowerAscii() == 'a,b' && message.v.upperAscii() == 'A,B'
          && message.v.split(',') == ['a', 'b'] && message.v.charAt(1) == ',' && message.v.indexOf('b') == 2
          && message.v.lastIndexOf('a') == 0 && message.v.replace(',', ';') == 'a;b'
          && (' ' + message.v + ' ').trim() == message.v && ['x', 'y'].join('-') == 'x-y'
          && message.v.substring(2) == 'b'"""));
    rules.add(Rule.of("matches", RuleKind.CONDITION, RuleMode.WRITE, "CEL",
        "message.f == 'matches'; message.v.matches('[a-z]+[0-9]')"));
    MockContractRegistry.scope(SCOPE).register("checks-value", SchemaDefinition.of("JSON", """
        {"type":"object","properties":{"f":{"type":"string"},"v":{"type":"string"}}}""")
        .withRuleSet(RuleSet.ofDomainRules(rules)));
    serializer = new JsonContractSerializer<>(props("mock://" + SCOPE), false);
  }

  @AfterAll
  static void drop() {
    serializer.close();
    MockContractRegistry.dropScope(SCOPE);
  }

  @ParameterizedTest(name = "{0}(''{1}'') is {2}")
  @CsvSource(delimiter = '|', value = {
      "isEmail    | ada@example.com                          | true",
      "isEmail    | first.last+tag@mail.example.org          | true",
      "isEmail    | no-at-sign                               | false",
      "isEmail    | two@@example.com                         | false",
      "isEmail    | ada@-bad-.com                            | false",
      "isEmail    | @example.com                             | false",
      "isEmail    | ada@                                     | false",
      "isHostname | example.com                              | true",
      "isHostname | a-b.c9                                   | true",
      "isHostname | localhost                                | true",
      "isHostname | -bad.com                                 | false",
      "isHostname | under_score.com                          | false",
      "isHostname | a..b                                     | false",
      "isHostname | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com | false",
      "isIpv4     | 192.168.0.1                              | true",
      "isIpv4     | 0.0.0.0                                  | true",
      "isIpv4     | 256.1.1.1                                | false",
      "isIpv4     | 1.2.3                                    | false",
      "isIpv4     | 01.2.3.4                                 | false",
      "isIpv4     | 1.2.3.4.5                                | false",
      "isIpv4     | ::1                                      | false",
      "isIpv6     | ::1                                      | true",
      "isIpv6     | ::                                       | true",
      "isIpv6     | 2001:db8::8a2e:370:7334                  | true",
      "isIpv6     | ::ffff:192.0.2.1                         | true",
      "isIpv6     | 1:2:3:4:5:6:7:8                          | true",
      "isIpv6     | 1:2:3:4:5:6:7:8:9                        | false",
      "isIpv6     | 1:2:3:4:5:6:7                            | false",
      "isIpv6     | 2001:db8:::1                             | false",
      "isIpv6     | 1::2::3                                  | false",
      "isIpv6     | 12345::                                  | false",
      "isIpv6     | 1.2.3.4                                  | false",
      "isIpv6     | ::ffff:1.2.3.4:1                         | false",
      "isUri      | https://example.com/a?b=c#d              | true",
      "isUri      | urn:isbn:0451450523                      | true",
      "isUri      | /relative/path                           | false",
      "isUri      | http://exa mple.com                      | false",
      "isUriRef   | /relative/path                           | true",
      "isUriRef   | ../x?y#z                                 | true",
      "isUriRef   | http://example.com                       | true",
      "isUriRef   | http://exa mple.com                      | false",
      "isUriRef   | %zz                                      | false",
      "isUuid     | 123e4567-e89b-12d3-a456-426614174000     | true",
      "isUuid     | 123E4567-E89B-12D3-A456-426614174000     | true",
      "isUuid     | 123e4567e89b12d3a456426614174000         | false",
      "isUuid     | 123e4567-e89b-12d3-a456-42661417400g     | false",
      "strings    | a,b                                      | true",
      "strings    | b,a                                      | false",
      "matches    | abc1                                     | true",
      "matches    | abc12                                    | false",
      "matches    | 1abc1                                    | false",
  })
  void eachFunctionAcceptsAndRejects(String function, String value, boolean valid) {
    check(function, value, valid, function);
    if (FUNCTIONS.contains(function)) {
      check("global " + function, value, valid, function + "_global");
    }
  }

  private static void check(String selector, String value, boolean valid, String rule) {
    Map<String, Object> record = Map.of("f", selector, "v", value);
    if (valid) {
      assertDoesNotThrow(() -> serializer.serialize("checks", record));
    } else {
      RuleFailedException e = assertThrows(RuleFailedException.class, () -> serializer.serialize("checks", record));
      assertEquals(rule, e.ruleName());
    }
  }
}
