package org.lungscan.patients;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.lungscan.accounts.Doctor;

/** A patient, owned by exactly one doctor. */
@Entity
@Table(name = "patient")
public class Patient {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "doctor_id", nullable = false, updatable = false)
  private Doctor doctor;

  @Column(nullable = false, length = 100)
  private String name;

  @Column(nullable = false)
  private int age;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false, length = 6)
  private Gender gender;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Patient() {}

  public Patient(Doctor doctor, String name, int age, Gender gender) {
    this.doctor = doctor;
    this.name = name;
    this.age = age;
    this.gender = gender;
    this.createdAt = Instant.now();
    this.updatedAt = createdAt;
  }

  /** Replaces the patient's details, as the doctor corrected them. */
  public void update(String name, int age, Gender gender) {
    this.name = name;
    this.age = age;
    this.gender = gender;
    this.updatedAt = Instant.now();
  }

  public boolean isOwnedBy(long doctorId) {
    return doctor.getId() == doctorId;
  }

  public Long getId() {
    return id;
  }

  public Doctor getDoctor() {
    return doctor;
  }

  public String getName() {
    return name;
  }

  public int getAge() {
    return age;
  }

  public Gender getGender() {
    return gender;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }
}
