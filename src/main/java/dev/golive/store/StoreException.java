package dev.golive.store;

/** The store failed; the message is one line for an operator, with credentials removed. */
public final class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
