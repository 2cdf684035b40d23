package dev.golive.probe.sql;

/** A {@code sql} probe: a JDBC URL, credentials ({@code password} resolved; null for none), one query, a row cap. */
public record SqlSpec(String url, String user, String password, String query, int maxRows) {
  @Override
  public String toString() {
    return "SqlSpec[" + url + ", user=" + user + ", query=" + query + ", maxRows=" + maxRows + "]";
  }
}
