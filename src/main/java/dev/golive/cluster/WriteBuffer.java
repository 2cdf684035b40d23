package dev.golive.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State changes that could not be written because the database is unreachable, kept in order (bounded) until it is
 * back. A write goes straight to the database while nothing is buffered; once one is, every later write queues
 * behind it so that the order holds. {@link #flush} (the cluster loop, after it renewed or re-took the leases)
 * replays them oldest first; a write the database fences (the plan is another replica's now) drops every buffered
 * change of that plan: the new owner decides. Each buffered change is also appended, as one JSON line, to a spill
 * file under the data directory, so an operator can see what was held back and what was dropped after a crash.
 *
 * <p>Thread-safe; {@link #write} blocks on JDBC (store pool), {@link #flush} on JDBC and the replays.
 */
public final class WriteBuffer {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBuffer.class);
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** A blocking write that may fail with a {@link RuntimeException}. */
  public interface Write {
    void run() throws Exception;
  }

  private record Entry(String kind, String plan, Write write) {}

  private final int capacity;
  private final Path spill;
  private final Deque<Entry> queue = new ArrayDeque<>();
  private long dropped;

  /**
   * @param capacity the most changes held back; beyond it new changes are refused (logged with what was lost)
   * @param spill the spill file (appended while changes are held back), or null
   */
  public WriteBuffer(int capacity, Path spill) {
    this.capacity = capacity;
    this.spill = spill;
    if (spill != null && Files.exists(spill)) {
      try {
        long lines = Files.lines(spill).count();
        if (lines > 0) {
          LOG.warn("write buffer: {} changes held back during a database outage of a previous run were never written "
              + "(the process stopped first; their plans have been decided by their owners since): see {}", lines,
              spill);
          Files.move(spill, spill.resolveSibling(spill.getFileName() + ".old"),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        LOG.warn("write buffer: cannot read {}: {}", spill, e.getMessage());
      }
    }
  }

  /**
   * Writes now, or buffers when the database is unreachable (or changes are already waiting). Throws for failures
   * that are not an outage: bad data, or a write the database fenced (this replica does not hold the plan's lease:
   * such a write is never kept, so a replica that lost a plan cannot write for it later).
   */
  public void write(String kind, String plan, Object payload, Write write) {
    synchronized (this) {
      if (!queue.isEmpty()) {
        hold(kind, plan, payload, write);
        return;
      }
    }
    try {
      write.run();
    } catch (Exception e) {
      if (!isOutage(e)) throw rethrow(e);
      synchronized (this) {
        if (queue.isEmpty()) LOG.warn("write buffer: cannot write now ({}); holding state changes back until the "
            + "database and this replica's lease are back", firstLine(e));
        hold(kind, plan, payload, write);
      }
    }
  }

  private void hold(String kind, String plan, Object payload, Write write) {
    if (queue.size() >= capacity) {
      dropped++;
      LOG.error("write buffer full ({} changes): LOST {} of {}: {}", capacity, kind, plan, json(payload));
      return;
    }
    queue.addLast(new Entry(kind, plan, write));
    if (spill == null) return;
    try (Writer w = Files.newBufferedWriter(spill, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND)) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("kind", kind);
      line.put("plan", plan);
      line.put("change", payload);
      w.write(JSON.writeValueAsString(line) + "\n");
    } catch (IOException e) {
      LOG.warn("write buffer: cannot append to {}: {}", spill, e.getMessage());
    }
  }

  /** Changes held back right now. */
  public synchronized int size() {
    return queue.size();
  }

  /** Changes lost because the buffer was full, since the start. */
  public synchronized long dropped() {
    return dropped;
  }

  /**
   * Writes the held-back changes in order; stops at the first outage error (to try again later). Returns how many
   * were written. Call it from one thread at a time.
   */
  public int flush() {
    int written = 0;
    while (true) {
      Entry e;
      synchronized (this) {
        e = queue.peekFirst();
        if (e == null) break;
      }
      try {
        e.write().run();
        written++;
        synchronized (this) {
          queue.pollFirst();
        }
      } catch (Exception ex) {
        if (isOutage(ex)) break;
        synchronized (this) {
          queue.pollFirst();
          if (isFenced(ex)) {
            int before = queue.size();
            queue.removeIf(x -> x.plan().equals(e.plan()));
            LOG.warn("write buffer: {} belongs to another replica now; dropped its {} held-back changes", e.plan(),
                before - queue.size() + 1);
          } else {
            LOG.error("write buffer: could not write {} of {}: {}", e.kind(), e.plan(), firstLine(ex));
          }
        }
      }
    }
    synchronized (this) {
      if (written > 0) LOG.info("write buffer: wrote {} held-back changes; {} left", written, queue.size());
      if (queue.isEmpty() && spill != null) {
        try {
          Files.deleteIfExists(spill);
        } catch (IOException ex) {
          LOG.warn("write buffer: cannot remove {}: {}", spill, ex.getMessage());
        }
      }
    }
    return written;
  }

  /** Drops the held-back changes of a plan this replica lost (the new owner decides). */
  public synchronized void drop(String plan) {
    int before = queue.size();
    queue.removeIf(x -> x.plan().equals(plan));
    if (queue.size() < before) {
      LOG.warn("write buffer: {} belongs to another replica now; dropped its {} held-back changes", plan,
          before - queue.size());
    }
  }

  static boolean isOutage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException) return true;
      if (t instanceof SQLException s && s.getSQLState() != null
          && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  static boolean isFenced(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException s && "GL001".equals(s.getSQLState())) return true;
    }
    return false;
  }

  private static RuntimeException rethrow(Exception e) {
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }

  private static String json(Object payload) {
    try {
      return JSON.writeValueAsString(payload);
    } catch (IOException e) {
      return String.valueOf(payload);
    }
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
