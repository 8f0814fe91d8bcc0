package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayRangeTest {

  @Test
  void bothDaysAreIncludedFromMidnightToTheNextMidnight() {
    DayRange november = DayRange.of("2026-11-01", "2026-11-30", null, null);
    assertEquals(30, november.length());
    assertEquals("2026-11-01 00:00:00", november.startText());
    assertEquals("2026-12-01 00:00:00", november.endText());
    assertEquals(LocalDate.parse("2026-11-30"), november.days().get(29));
  }

  @Test
  void missingEndsTakeTheirDefaultsOrStayOpen() {
    DayRange open = DayRange.of(null, " ", null, null);
    assertNull(open.startText());
    assertNull(open.endText());
    LocalDate day = LocalDate.parse("2026-12-01");
    assertEquals(new DayRange(day, day), DayRange.of("", null, day, day));
  }

  @Test
  void everyBadDateIsNamed() {
    Invalid both =
        assertThrows(Invalid.class, () -> DayRange.of("2026-02-30", "1.12.2026", null, null));
    assertEquals(
        List.of("from", "to"), both.errors().stream().map(Invalid.FieldError::field).toList());
    Invalid reversed =
        assertThrows(Invalid.class, () -> DayRange.of("2026-12-02", "2026-12-01", null, null));
    assertEquals("from", reversed.errors().get(0).field());
    assertThrows(Invalid.class, () -> DayRange.of("+10000-01-01", null, null, null));
  }
}
