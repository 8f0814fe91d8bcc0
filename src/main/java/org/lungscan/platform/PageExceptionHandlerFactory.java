package org.lungscan.platform;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;

/** Puts {@link PageExceptionHandler} in front of the handler it wraps (faces-config.xml). */
public class PageExceptionHandlerFactory extends ExceptionHandlerFactory {

  public PageExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
    super(wrapped);
  }

  @Override
  public ExceptionHandler getExceptionHandler() {
    return new PageExceptionHandler(getWrapped().getExceptionHandler());
  }
}
