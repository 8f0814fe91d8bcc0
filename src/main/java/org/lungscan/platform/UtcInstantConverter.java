package org.lungscan.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Keeps every instant in the database as a UTC {@code DATETIME(6)}, whatever the server's zone.
 *
 * <p>The value travels as text ({@code 2026-11-23 22:41:00.123456}) because mysql-connector-j drops
 * the microseconds of bound date-time parameters when the server calls itself "5.5.5-...", as
 * MariaDB 10 does; both MySQL and H2 turn such text into a {@code DATETIME(6)} exactly. What comes
 * back is whatever the driver reads a {@code DATETIME} as, hence {@code Object}.
 */
@Converter(autoApply = true)
public class UtcInstantConverter implements AttributeConverter<Instant, Object> {

  private static final DateTimeFormatter DATABASE_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  @Override
  public Object convertToDatabaseColumn(Instant instant) {
    return instant == null
        ? null
        : DATABASE_FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  @Override
  public Instant convertToEntityAttribute(Object utc) {
    if (utc == null) {
      return null;
    }
    if (utc instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC);
    }
    if (utc instanceof Timestamp timestamp) {
      return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    return LocalDateTime.parse(utc.toString().strip().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
  }
}
