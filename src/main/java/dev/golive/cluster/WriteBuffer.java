package dev.golive.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State changes that could not be written because the database is unreachable, kept in order (bounded) until it is
 * back. A write goes straight to the database while nothing is buffered; once one is, every later write queues
 * behind it so that the order holds. {@link #flush} (the cluster loop, after it renewed or re-took the leases)
 * replays them oldest first; a write the database fences (the plan is another replica's now) drops every buffered
 * change of that plan: the new owner decides.
 *
 * <p>Every held-back change is also in a spill file under the data directory, one JSON line each: its kind, plan,
 * the replica and the fencing token it was made under, and the change itself; a change written since is marked
 * written (one more line) until the file is compacted, so a crash in the middle of a flush writes nothing twice. A
 * process that dies with changes held back leaves them there; the next run (the same replica id) loads them and,
 * when it takes a plan's lease, {@link #taken replays} that plan's changes before the plan starts, provided nobody
 * else held the lease since they were made: every token between theirs and the new one was this replica's (it appears in the spill file). Otherwise,
 * and for plans another replica took since ({@link #ownedElsewhere}) or no longer configured, they are dropped with a
 * warning and appended to {@code <spill>.dropped}.
 *
 * <p>Thread-safe; {@link #write} blocks on JDBC (store pool), {@link #flush} and {@link #taken} on JDBC and the
 * replays (cluster thread).
 */
public final class WriteBuffer {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBuffer.class);
  static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** A blocking write that may fail with a {@link RuntimeException}. */
  public interface Write {
    void run() throws Exception;
  }

  /** Turns a spilled change of a plan (its JSON) back into its write; throws when it cannot be read. */
  public interface Replay {
    Write of(String plan, JsonNode change) throws Exception;
  }

  /** A change held back by a previous run, as read from the spill file. */
  record Spilled(String kind, String plan, String replica, long token, JsonNode change, String json) {}

  private record Entry(long seq, String kind, String plan, Write write, String json) {}

  private final int capacity;
  private final Path spill;
  private final String replica;
  private final ToLongFunction<String> tokenOf;
  private final Deque<Entry> queue = new ArrayDeque<>();
  private final List<Spilled> previous = new ArrayList<>();
  private final Map<String, Replay> replays = new ConcurrentHashMap<>();
  private long dropped;
  private long seq;

  /**
   * @param capacity the most changes held back; beyond it new changes are refused (logged with what was lost)
   * @param spill the spill file (the previous run's is loaded), or null
   * @param replica this replica's id, written with each held-back change
   * @param tokenOf the fencing token this replica holds for a plan right now (-1: none)
   */
  public WriteBuffer(int capacity, Path spill, String replica, ToLongFunction<String> tokenOf) {
    this.capacity = capacity;
    this.spill = spill;
    this.replica = replica;
    this.tokenOf = tokenOf;
    if (spill != null && Files.exists(spill)) load();
  }

  /** How changes of {@code kind} are replayed from a previous run's spill file. */
  public void replayAs(String kind, Replay replay) {
    replays.put(kind, replay);
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
    long token = tokenOf.applyAsLong(plan);
    try {
      try {
        write.run();
      } catch (Exception e) {
        // the lease was re-taken (a new token) while the write ran on a connection still carrying the old one
        long now = tokenOf.applyAsLong(plan);
        if (!isFenced(e) || now == -1 || now == token) throw e;
        write.run();
      }
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
    long n = ++seq;
    String json = line(n, kind, plan, tokenOf.applyAsLong(plan), JSON.valueToTree(payload));
    if (queue.size() >= capacity) {
      dropped++;
      LOG.error("write buffer full ({} changes): LOST {}", capacity, json);
      return;
    }
    queue.addLast(new Entry(n, kind, plan, write, json));
    append(json);
  }

  private void append(String json) {
    if (spill == null) return;
    try (Writer w = Files.newBufferedWriter(spill, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND)) {
      w.write(json + "\n");
    } catch (IOException e) {
      LOG.warn("write buffer: cannot append to {}: {}", spill, e.getMessage());
    }
  }

  private String line(long n, String kind, String plan, long token, JsonNode change) {
    ObjectNode line = JSON.createObjectNode();
    line.put("seq", n);
    line.put("kind", kind);
    line.put("plan", plan);
    line.put("replica", replica);
    line.put("token", token);
    line.set("change", change);
    return line.toString();
  }

  /** Changes held back right now (this run's, and a previous run's being replayed). */
  public synchronized int size() {
    return queue.size();
  }

  /** A previous run's changes not replayed or dropped yet. */
  public synchronized int pendingFromPreviousRun() {
    return previous.size();
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
    boolean changed = false;
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
          append("{\"written\":" + e.seq() + "}"); // a crash before the rewrite below must not write it twice
        }
      } catch (Exception ex) {
        if (isOutage(ex)) break;
        changed = true;
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
      if (written > 0 || changed) rewriteSpill();
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
      rewriteSpill();
    }
  }

  // ------------------------------------------------------------------ a previous run's changes

  /**
   * This replica just took the plan's lease with {@code token} ({@code before}: the lease's owner as last seen, or
   * null): replays the previous run's changes of the plan made under an unbroken chain of this replica's own
   * leases up to {@code token - 1}, in order, and drops (with a warning) the others. Returns once they are written,
   * or held back again by a new outage. Call it on the cluster thread, before the plan starts.
   */
  public void taken(String plan, long token, String before) {
    List<Spilled> replay = new ArrayList<>();
    synchronized (this) {
      List<Spilled> mine = take(s -> s.plan().equals(plan));
      if (mine.isEmpty()) return;
      Set<Long> ours = new HashSet<>();
      mine.stream().filter(s -> s.replica().equals(replica)).forEach(s -> ours.add(s.token()));
      long oldest = token - 1;
      while (ours.contains(oldest)) oldest--;
      long since = oldest;
      List<Spilled> stale = new ArrayList<>();
      for (Spilled s : mine) (s.replica().equals(replica) && s.token() > since ? replay : stale).add(s);
      if (!stale.isEmpty()) {
        report(plan, stale, "the lease changed hands since they were made (token " + stale.get(stale.size() - 1)
            .token() + " of " + stale.get(stale.size() - 1).replica() + ", now " + token + "; last held by "
            + (before == null ? "nobody" : before) + ")");
      }
      List<Entry> entries = new ArrayList<>();
      List<Spilled> unreadable = new ArrayList<>();
      for (Spilled s : replay) {
        Replay how = replays.get(s.kind());
        try {
          if (how == null) throw new IllegalArgumentException("no replay for kind " + s.kind());
          long n = ++seq;
          entries.add(new Entry(n, s.kind(), plan, how.of(plan, s.change()),
              line(n, s.kind(), plan, token, s.change())));
        } catch (Exception e) {
          LOG.error("write buffer: cannot replay a held-back {} of {}: {}", s.kind(), plan, firstLine(e));
          unreadable.add(s);
        }
      }
      if (!unreadable.isEmpty()) report(plan, unreadable, "they cannot be read back");
      for (int i = entries.size() - 1; i >= 0; i--) queue.addFirst(entries.get(i));
      if (!entries.isEmpty()) {
        LOG.info("write buffer: replaying {} changes of {} held back before a restart (token {}, now {})",
            entries.size(), plan, replay.get(0).token(), token);
      }
      rewriteSpill();
    }
    flush();
  }

  /**
   * Another replica holds (or held) the plan's lease with {@code token}: the previous run's changes of the plan made
   * under an older token are dropped, with a warning (that replica decided since).
   */
  public synchronized void ownedElsewhere(String plan, String owner, long token) {
    if (previous.isEmpty()) return;
    List<Spilled> stale = take(s -> s.plan().equals(plan) && s.token() < token);
    if (!stale.isEmpty()) report(plan, stale, "replica " + owner + " has owned it since (token " + token + ")");
  }

  /** Drops (with a warning) the previous run's changes of plans not configured any more. */
  public synchronized void configured(Collection<String> plans) {
    for (Spilled s : List.copyOf(previous)) {
      List<Spilled> gone = take(x -> x.plan().equals(s.plan()) && !plans.contains(x.plan()));
      if (!gone.isEmpty()) report(s.plan(), gone, "the plan is not configured any more");
    }
  }

  private List<Spilled> take(Predicate<Spilled> which) {
    List<Spilled> out = previous.stream().filter(which).toList();
    previous.removeAll(out);
    return out;
  }

  private void load() {
    List<String> lines;
    try {
      lines = Files.readAllLines(spill, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.error("write buffer: cannot read the held-back changes of a previous run from {}: {}", spill,
          e.getMessage());
      return;
    }
    Set<Long> written = new HashSet<>();
    for (String json : lines) {
      if (json.startsWith("{\"written\":")) {
        try {
          written.add(JSON.readTree(json).path("written").asLong());
        } catch (IOException e) {
          // a marker cut short by the crash: its change is replayed (at least once)
        }
      }
    }
    List<String> unreadable = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String json = lines.get(i);
      if (json.isBlank() || json.startsWith("{\"written\":")) continue;
      try {
        JsonNode n = JSON.readTree(json);
        seq = Math.max(seq, n.path("seq").asLong());
        if (n.has("seq") && written.contains(n.get("seq").asLong())) continue;
        if (!n.path("kind").isTextual() || !n.path("plan").isTextual() || !n.path("replica").isTextual()
            || !n.path("token").canConvertToLong() || !n.has("change")) {
          throw new IOException("not a held-back change (kind, plan, replica, token, change)");
        }
        previous.add(new Spilled(n.get("kind").asText(), n.get("plan").asText(), n.get("replica").asText(),
            n.get("token").asLong(), n.get("change"), json));
      } catch (IOException e) {
        LOG.error("write buffer: {}:{}: cannot read this held-back change: {}", spill, i + 1, firstLine(e));
        unreadable.add(json);
      }
    }
    if (!unreadable.isEmpty()) keep(unreadable);
    if (!previous.isEmpty()) {
      LOG.warn("write buffer: {} changes held back by a previous run (it stopped during a database outage) in {}; "
          + "each plan's are written when this replica takes its lease, if nobody else held it since", previous.size(),
          spill);
    }
    rewriteSpill();
  }

  private void report(String plan, List<Spilled> gone, String why) {
    LOG.warn("write buffer: dropped {} changes of {} held back before a restart: {}; kept in {}", gone.size(), plan,
        why, dropFile());
    keep(gone.stream().map(Spilled::json).toList());
    rewriteSpill();
  }

  private Path dropFile() {
    return spill == null ? null : spill.resolveSibling(spill.getFileName() + ".dropped");
  }

  private void keep(List<String> lines) {
    if (spill == null) return;
    try {
      Files.write(dropFile(), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      LOG.error("write buffer: cannot keep {} dropped changes in {}: {}", lines.size(), dropFile(), e.getMessage());
    }
  }

  /** The spill file holds exactly what is still held back: the previous run's pending changes, then this run's. */
  private void rewriteSpill() {
    if (spill == null) return;
    try {
      if (previous.isEmpty() && queue.isEmpty()) {
        Files.deleteIfExists(spill);
        return;
      }
      List<String> lines = new ArrayList<>();
      previous.forEach(s -> lines.add(s.json()));
      queue.forEach(e -> lines.add(e.json()));
      Path tmp = spill.resolveSibling(spill.getFileName() + ".tmp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, spill, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("write buffer: cannot rewrite {}: {}", spill, e.getMessage());
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

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
