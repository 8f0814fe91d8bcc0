package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageRequestTest {

  @Test
  void absentValuesTakeTheDefaults() {
    assertEquals(new PageRequest(0, 50), PageRequest.of(null, " "));
  }

  @Test
  void theLastPageAllowedHasAnOffsetThatFits() {
    PageRequest last = PageRequest.of("1000000", "200");
    assertEquals(200_000_000, last.offset());
  }

  @ParameterizedTest(name = "page={0} size={1}")
  @CsvSource({
    "2147483647, 200, page",
    "1000001, 1, page",
    "99999999999999999999, 1, page",
    "-1, 10, page",
    "0, 201, size",
    "0, 0, size",
    "0, 2147483648, size",
    "x, 10, page"
  })
  void outOfBoundsIsInvalidNamingTheField(String page, String size, String field) {
    Invalid invalid = assertThrows(Invalid.class, () -> PageRequest.of(page, size));
    assertEquals(field, invalid.errors().get(0).field());
  }
}
