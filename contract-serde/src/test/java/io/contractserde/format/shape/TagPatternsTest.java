package io.contractserde.format.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TagPatternsTest {

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
      "eve, eve*, true",
      "alice.bob.eve, a*.bob.eve, true",
      "alice.bob.eve, a*.bob.e*, true",
      "alice.bob.eve, a*, false",
      "alice.bob.eve, a**, true",
      "alice.bob.eve, alice.bob*, false",
      "alice.bob.eve, alice.bob**, true",
      "example.User.ssn, **.ssn, true",
      "example.User.ssnx, **.ssn, false",
      "example.User.ssn, **.*, true",
      "example.User.ssn, example.User.ss?, true",
      "example.User.ssn, example.User.s?, false",
      "example.User.ssn, example.?ser.ssn, true",
      "example.User.ssn, example.User, false",
      "exampleXUser.ssn, example.User.ssn, false",
      "$.customer.email, $.**.email, true",
      "$.email, $.*, true",
      "$.customer.email, $.*, false",
      "a+b.c, a+b.c, true",
      "aab.c, a+b.c, false",
  })
  void wildcardsMatchWithinAndAcrossNameSegments(String name, String pattern, boolean matches) {
    assertEquals(matches, TagPatterns.matches(pattern, name));
  }

  @Test
  void aFieldGetsItsInlineTagsAndTheTagsOfEveryMatchingPattern() {
    Map<String, SortedSet<String>> tags = new TreeMap<>();
    tags.put("**.ssn", new TreeSet<>(Set.of("PII")));
    tags.put("example.User.*", new TreeSet<>(Set.of("USER")));
    tags.put("other.**", new TreeSet<>(Set.of("OTHER")));
    TagPatterns patterns = TagPatterns.compile(tags);
    assertEquals(Set.of("PII", "USER", "SENSITIVE"), patterns.tagsOf("example.User.ssn", Set.of("SENSITIVE")));
    assertEquals(Set.of("USER"), patterns.tagsOf("example.User.name", Set.of()));
    assertEquals(Set.of("PII"), patterns.tagsOf("example.Address.ssn", Set.of()));
    assertEquals(Set.of("INLINE"), patterns.tagsOf("example.Address.street", Set.of("INLINE")));
    assertEquals(Set.of(), TagPatterns.NONE.tagsOf("example.User.ssn", Set.of()));
  }
}
