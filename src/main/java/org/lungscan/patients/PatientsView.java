package org.lungscan.patients;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.lungscan.platform.NotFound;
import org.lungscan.platform.PageMessages;
import org.lungscan.platform.PageRequest;
import org.primefaces.PrimeFaces;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The page door to the doctor's patients: the searchable list, the add/edit dialog, deletion. */
@Named("patientsView")
@ViewScoped
public class PatientsView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject PatientService patients;
  @Inject ScanCounter scanCounter;

  private String query;
  private Long selectedId;
  private PatientRow selected;
  private Long editingId;
  private String name;
  private String age;
  private String gender;
  private final LazyDataModel<PatientRow> list = new PatientList();

  /** One patient as a row of the list. */
  public record PatientRow(long id, String name, int age, Gender gender) implements Serializable {
    static PatientRow of(Patient p) {
      return new PatientRow(p.getId(), p.getName(), p.getAge(), p.getGender());
    }

    public String getGenderLabel() {
      return gender.name().charAt(0) + gender.name().substring(1).toLowerCase();
    }
  }

  public void startAdding() {
    editingId = null;
    name = null;
    age = null;
    gender = null;
  }

  public void startEditing() {
    PatientRow row = getSelected();
    editingId = row.id();
    name = row.name();
    age = Integer.toString(row.age());
    gender = row.gender().name();
  }

  /** A broken rule is shown beside its field by the pages' exception handler. */
  public void save() {
    PatientDetails details = PatientDetails.of(name, age, gender);
    Patient saved =
        editingId == null ? patients.create(details) : patients.update(editingId, details);
    selectedId = saved.getId();
    selected = PatientRow.of(saved);
    PrimeFaces.current().executeScript("PF('patientDialog').hide()");
    PageMessages.info(editingId == null ? "patients.added" : "patients.saved", saved.getName());
  }

  public void delete() {
    PatientRow row = getSelected();
    try {
      patients.delete(row.id());
      PageMessages.info("patients.deleted", row.name());
    } finally {
      selectedId = null;
      selected = null;
    }
  }

  public void select(long id) {
    selectedId = id;
    selected = null;
  }

  /** The patient the doctor is looking at, or null. */
  public PatientRow getSelected() {
    if (selected == null && selectedId != null) {
      try {
        selected = PatientRow.of(patients.get(selectedId));
      } catch (NotFound gone) {
        selectedId = null;
      }
    }
    return selected;
  }

  public void setSelected(PatientRow row) {
    selectedId = row == null ? null : row.id();
    selected = row;
  }

  public Long getSelectedId() {
    return selectedId;
  }

  /** What deleting the selected patient takes with it, for the confirmation. */
  public String getDeletionWarning() {
    PatientRow row = getSelected();
    if (row == null) {
      return "";
    }
    long scans = scanCounter.countScans(List.of(row.id())).getOrDefault(row.id(), 0L);
    return PageMessages.text("patients.deletionWarning", row.name(), scans);
  }

  public boolean isEditing() {
    return editingId != null;
  }

  /** The patients, a page at a time, filtered by the search box. */
  private class PatientList extends LazyDataModel<PatientRow> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return (int) patients.count(query);
    }

    @Override
    public List<PatientRow> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      PageRequest page = new PageRequest(first / Math.max(1, pageSize), Math.max(1, pageSize));
      return patients.list(query, page).stream().map(PatientRow::of).toList();
    }

    @Override
    public String getRowKey(PatientRow row) {
      return Long.toString(row.id());
    }

    @Override
    public PatientRow getRowData(String key) {
      try {
        return PatientRow.of(patients.get(Long.parseLong(key)));
      } catch (NotFound | NumberFormatException gone) {
        return null;
      }
    }
  }

  public LazyDataModel<PatientRow> getList() {
    return list;
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getAge() {
    return age;
  }

  public void setAge(String age) {
    this.age = age;
  }

  public String getGender() {
    return gender;
  }

  public void setGender(String gender) {
    this.gender = gender;
  }

  public Gender[] getGenders() {
    return Gender.values();
  }
}
