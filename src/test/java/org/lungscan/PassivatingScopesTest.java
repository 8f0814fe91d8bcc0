package org.lungscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.view.ViewScoped;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Page sessions travel between the instances of a cluster (the WAR is distributable): every bean
 * kept in a view or a session must serialize, and so must everything it keeps, except services,
 * which it holds through CDI's serializable proxies, and what it marks {@code transient}.
 */
class PassivatingScopesTest {

  @Test
  void everythingKeptInAViewOrSessionSerializes() {
    List<Class<?>> kept =
        new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lungscan")
                .stream()
                .<Class<?>>map(c -> c.reflect())
                .filter(
                    c ->
                        c.isAnnotationPresent(ViewScoped.class)
                            || c.isAnnotationPresent(SessionScoped.class))
                .toList();
    assertFalse(kept.isEmpty(), "the pages keep view-scoped beans");
    List<String> problems = new ArrayList<>();
    Set<Type> seen = new HashSet<>();
    for (Class<?> bean : kept) {
      check(bean, bean.getSimpleName(), problems, seen);
    }
    assertEquals(List.of(), problems);
  }

  private static void check(Type type, String path, List<String> problems, Set<Type> seen) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof ParameterizedType generic) {
      Class<?> raw = (Class<?>) generic.getRawType();
      if (Collection.class.isAssignableFrom(raw)
          || Map.class.isAssignableFrom(raw)
          || Optional.class.equals(raw)) {
        for (Type argument : generic.getActualTypeArguments()) {
          check(argument, path + "<>", problems, seen);
        }
        if (Optional.class.equals(raw)) {
          problems.add(path + " is an Optional, which does not serialize");
        }
        return;
      }
      check(raw, path, problems, seen);
      return;
    }
    if (!(type instanceof Class<?> c) || c.isPrimitive() || c.isEnum()) {
      return;
    }
    if (isProxiedService(c) || c.getName().startsWith("java.")) {
      if (c.getName().startsWith("java.")
          && !Serializable.class.isAssignableFrom(c)
          && !c.isInterface()) {
        problems.add(path + " (" + c.getName() + ") does not serialize");
      }
      return;
    }
    if (!c.isInterface() && !Serializable.class.isAssignableFrom(c)) {
      problems.add(path + " (" + c.getName() + ") is not Serializable");
      return;
    }
    if (!c.getName().startsWith("org.lungscan.")) {
      return;
    }
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field field : k.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers)
            || Modifier.isTransient(modifiers)
            || field.isSynthetic()) {
          continue;
        }
        check(field.getGenericType(), path + "." + field.getName(), problems, seen);
      }
    }
  }

  /** A normal-scoped bean is injected as a proxy, which serializes whatever the bean holds. */
  private static boolean isProxiedService(Class<?> c) {
    return c.isAnnotationPresent(ApplicationScoped.class)
        || c.isAnnotationPresent(RequestScoped.class)
        || c.isAnnotationPresent(SessionScoped.class)
        || c.isAnnotationPresent(ViewScoped.class);
  }
}
