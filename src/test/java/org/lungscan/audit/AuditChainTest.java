package org.lungscan.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.lungscan.audit.AuditEvent.Outcome;

/** The hash chain's rules, and fitting what clients send into the trail's columns. */
class AuditChainTest {

  private static final LocalDateTime AT = LocalDateTime.of(2026, 11, 23, 22, 41, 0, 123_456_000);

  private static ChainLink link(String actorEmail, String resourceType) {
    return new ChainLink(
        1,
        AT,
        7L,
        actorEmail,
        "PATIENT_READ",
        resourceType,
        "42",
        "SUCCESS",
        "127.0.0.1",
        42L,
        null);
  }

  @Test
  void theHashIsSha256OverTheDocumentedEncoding() {
    // computed independently (Python's hashlib) from ChainLink's documented encoding
    assertEquals(
        "3e800fd5917f1659e5926ae13158cf4fa3bad754ec5c4fdc57377f560939fe98",
        link("a@example.org", "patient").hash(ChainLink.GENESIS));
  }

  @Test
  void everyFieldAndThePreviousHashChangeTheHash() {
    ChainLink original = link("a@example.org", "patient");
    String hash = original.hash(ChainLink.GENESIS);
    List<ChainLink> changed =
        List.of(
            new ChainLink(
                2,
                AT,
                7L,
                "a@example.org",
                "PATIENT_READ",
                "patient",
                "42",
                "SUCCESS",
                "127.0.0.1",
                42L,
                null),
            new ChainLink(
                1,
                AT.plusNanos(1000),
                7L,
                "a@example.org",
                "PATIENT_READ",
                "patient",
                "42",
                "SUCCESS",
                "127.0.0.1",
                42L,
                null),
            new ChainLink(
                1,
                AT,
                8L,
                "a@example.org",
                "PATIENT_READ",
                "patient",
                "42",
                "SUCCESS",
                "127.0.0.1",
                42L,
                null),
            new ChainLink(
                1,
                AT,
                7L,
                "b@example.org",
                "PATIENT_READ",
                "patient",
                "42",
                "SUCCESS",
                "127.0.0.1",
                42L,
                null),
            new ChainLink(
                1,
                AT,
                7L,
                "a@example.org",
                "PATIENT_LIST",
                "patient",
                "42",
                "SUCCESS",
                "127.0.0.1",
                42L,
                null),
            new ChainLink(
                1,
                AT,
                7L,
                "a@example.org",
                "PATIENT_READ",
                "lung_scan",
                "42",
                "SUCCESS",
                "127.0.0.1",
                42L,
                null),
            new ChainLink(
                1,
                AT,
                7L,
                "a@example.org",
                "PATIENT_READ",
                "patient",
                "43",
                "SUCCESS",
                "127.0.0.1",
                42L,
                null),
            new ChainLink(
                1,
                AT,
                7L,
                "a@example.org",
                "PATIENT_READ",
                "patient",
                "42",
                "FAILURE",
                "127.0.0.1",
                42L,
                null),
            new ChainLink(
                1,
                AT,
                7L,
                "a@example.org",
                "PATIENT_READ",
                "patient",
                "42",
                "SUCCESS",
                "127.0.0.2",
                42L,
                null),
            new ChainLink(
                1,
                AT,
                7L,
                "a@example.org",
                "PATIENT_READ",
                "patient",
                "42",
                "SUCCESS",
                "127.0.0.1",
                43L,
                null),
            new ChainLink(
                1,
                AT,
                7L,
                "a@example.org",
                "PATIENT_READ",
                "patient",
                "42",
                "SUCCESS",
                "127.0.0.1",
                42L,
                "patient=42"));
    Set<String> hashes = new HashSet<>(List.of(hash));
    for (ChainLink other : changed) {
      assertTrue(hashes.add(other.hash(ChainLink.GENESIS)), () -> "same hash for " + other);
    }
    assertNotEquals(hash, original.hash("1".repeat(64)), "the previous hash counts");
  }

  @Test
  void noValueCanPassForAnotherOrMoveIntoTheNextField() {
    Set<String> hashes = new HashSet<>();
    for (ChainLink link :
        List.of(
            link("ab", "c"),
            link("a", "bc"),
            link(null, "c"),
            link("", "c"),
            link("~", "c"),
            link("null", "c"))) {
      assertTrue(hashes.add(link.hash(ChainLink.GENESIS)), () -> "collision for " + link);
    }
  }

  @Test
  void eventsTakeConsecutiveIdsEachHashedAfterThePreviousOne() {
    AuditEvent first = event("a@example.org");
    AuditEvent second = event("a@example.org");
    String firstHash = first.chainAfter(0, ChainLink.GENESIS);
    String secondHash = second.chainAfter(first.getId(), firstHash);

    assertEquals(1L, first.getId());
    assertEquals(2L, second.getId());
    assertEquals(first.link().hash(ChainLink.GENESIS), firstHash);
    assertEquals(second.link().hash(firstHash), secondHash);
    assertEquals(secondHash, second.getChainHash());
    assertNotEquals(second.link().hash(ChainLink.GENESIS), secondHash, "chained, not standalone");
  }

  @Test
  void anEventIsTimedToTheMicrosecondAsTheDatabaseKeepsIt() {
    assertEquals(0, event("a@example.org").getOccurredAt().getNano() % 1000);
  }

  @Test
  void aTooLongEmailIsCutToItsColumnWithAMark() {
    String email = "x".repeat(290) + "@hospital.test";
    AuditEvent event = event(email);
    assertEquals(AuditEvent.EMAIL_LENGTH, event.getActorEmail().length());
    assertTrue(event.getActorEmail().endsWith(AuditText.CUT));
    assertTrue(email.startsWith(event.getActorEmail().replace(AuditText.CUT, "")));
  }

  @Test
  void everyTextFieldFitsItsColumn() {
    String long1000 = "9".repeat(1000);
    AuditEvent event =
        new AuditEvent(
            1L,
            long1000,
            AuditAction.PATIENT_READ,
            long1000,
            long1000,
            Outcome.FAILURE,
            long1000,
            2L,
            long1000 + "0");
    assertEquals(AuditEvent.EMAIL_LENGTH, event.getActorEmail().length());
    assertEquals(AuditEvent.TYPE_LENGTH, event.getResourceType().length());
    assertEquals(AuditEvent.RESOURCE_ID_LENGTH, event.getResourceId().length());
    assertEquals(AuditEvent.ADDRESS_LENGTH, event.getClientAddress().length());
    assertEquals(AuditEvent.DETAIL_LENGTH, event.getDetail().length());
  }

  @Test
  void cuttingKeepsCharactersWholeAndReplacesLoneSurrogates() {
    String lung = "\uD83E\uDEC1"; // U+1FAC1 LUNGS, two UTF-16 units
    assertEquals("ab" + AuditText.CUT, AuditText.fit("ab" + lung + "cd", 4));
    assertEquals("a" + lung + AuditText.CUT, AuditText.fit("a" + lung + "cd", 4));
    assertEquals("a\uFFFDb\uFFFD", AuditText.fit("a\uD83Eb\uDEC1", 10));
    assertEquals("short", AuditText.fit("short", 10));
    assertNull(AuditText.fit(null, 10));
  }

  @Test
  void aLongListIsSplitIntoDetailsThatFitWithoutLosingAnId() {
    List<Long> ids = LongStream.rangeClosed(1_000_000, 1_000_400).boxed().toList();
    List<String> details = Shown.ofPatient("lung_scan", 5, ids).detailsOf(5L, 1000);

    assertTrue(details.size() > 1, "401 ids of 7 digits do not fit 1000 characters");
    List<Long> recorded = new ArrayList<>();
    for (String detail : details) {
      assertTrue(detail.length() <= 1000, detail);
      assertTrue(detail.startsWith("lung_scan="), detail);
      for (String id : detail.substring("lung_scan=".length()).split(",")) {
        recorded.add(Long.parseLong(id));
      }
    }
    assertEquals(ids, recorded);
  }

  @Test
  void aListIsGroupedByPatientAndAnEmptyOneNamesNoPatient() {
    record Item(long patient, long id) {}
    Shown shown =
        Shown.of(
            "prediction",
            List.of(new Item(3, 10), new Item(4, 11), new Item(3, 12)),
            Item::patient,
            Item::id);
    assertEquals(List.of(3L, 4L), List.copyOf(shown.patients()));
    assertEquals(List.of("prediction=10,12"), shown.detailsOf(3L, 1000));
    assertEquals(List.of("prediction=11"), shown.detailsOf(4L, 1000));

    Shown none = Shown.of("prediction", List.<Item>of(), Item::patient, Item::id);
    assertTrue(none.patients().isEmpty());
    assertEquals(List.of("prediction="), none.detailsOf(null, 1000));

    Shown patient = Shown.patient(9);
    assertEquals(List.of(9L), List.copyOf(patient.patients()));
    assertEquals(java.util.Collections.singletonList(null), patient.detailsOf(9L, 1000));
  }

  private static AuditEvent event(String email) {
    return new AuditEvent(
        7L, email, AuditAction.PATIENT_READ, "patient", "42", Outcome.SUCCESS, "127.0.0.1");
  }
}
