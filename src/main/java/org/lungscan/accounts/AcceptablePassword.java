package org.lungscan.accounts;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A password the {@link PasswordPolicy} accepts; a refusal says which of its rules is broken. */
@Documented
@Constraint(validatedBy = PasswordPolicy.class)
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
public @interface AcceptablePassword {

  String message() default "is not an acceptable password";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
