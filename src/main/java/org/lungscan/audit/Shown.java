package org.lungscan.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a read showed a doctor: whose data (the patients) and, of each, the ids of the things of one
 * kind that were shown ({@code lung_scan}, {@code prediction}, ...). {@link AuditTrail} records it
 * as one event per patient, so that "who saw patient X's data?" is one indexed query.
 */
public final class Shown {

  private final String kind;
  private final Map<Long, Set<Long>> idsByPatient;

  private Shown(String kind, Map<Long, Set<Long>> idsByPatient) {
    this.kind = kind;
    this.idsByPatient = idsByPatient;
  }

  /** The patient's own details, nothing listed. */
  public static Shown patient(long patientId) {
    Map<Long, Set<Long>> only = new LinkedHashMap<>();
    only.put(patientId, Set.of());
    return new Shown(null, only);
  }

  /** Things of one patient's, by their ids; an empty list still shows the patient. */
  public static Shown ofPatient(String kind, long patientId, Collection<Long> ids) {
    Map<Long, Set<Long>> one = new LinkedHashMap<>();
    one.put(patientId, new LinkedHashSet<>(ids));
    return new Shown(kind, one);
  }

  /** Things of any of the doctor's patients, each item telling whose it is and its id. */
  public static <T> Shown of(
      String kind, Collection<T> items, Function<T, Long> patientOf, Function<T, Long> idOf) {
    Map<Long, Set<Long>> byPatient = new LinkedHashMap<>();
    for (T item : items) {
      byPatient
          .computeIfAbsent(patientOf.apply(item), p -> new LinkedHashSet<>())
          .add(idOf.apply(item));
    }
    return new Shown(kind, byPatient);
  }

  /** The patients shown, in the order first shown; none for an empty list. */
  Set<Long> patients() {
    return idsByPatient.keySet();
  }

  /**
   * What was shown of this patient, as details of at most {@code length} characters: {@code
   * kind=id,id,...}, in as many details as it takes, so that no id is ever left out; a single null
   * when only the patient's own details were shown.
   */
  List<String> detailsOf(Long patientId, int length) {
    if (kind == null) {
      return Collections.singletonList(null);
    }
    Set<Long> ids = patientId == null ? Set.of() : idsByPatient.get(patientId);
    List<String> details = new ArrayList<>();
    StringBuilder detail = new StringBuilder(kind).append('=');
    int empty = detail.length();
    for (Long id : ids) {
      String text = id.toString();
      if (detail.length() > empty && detail.length() + 1 + text.length() > length) {
        details.add(detail.toString());
        detail.setLength(empty);
      }
      detail.append(detail.length() > empty ? "," : "").append(text);
    }
    details.add(detail.toString());
    return details;
  }
}
