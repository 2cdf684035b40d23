package dev.golive.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:/path}} references and remembers every value it resolved, so that
 * {@link #redact(String)} can scrub them from anything that leaves the process (logs, metrics, API, evidence, alerts).
 * {@code ${var:NAME}} and {@code ${var:NAME:-default}} read a plain setting (a base URL, a host name) from the
 * environment: it is not a secret and is shown as is.
 * <p>{@link #withoutSecrets()} makes a lenient instance for {@code golive validate --without-secrets} (a CI job
 * without production secrets): it leaves every {@code ${env:..}} and {@code ${file:..}} reference as written, records
 * its name (never a value: nothing is read), and {@link ConfigNode} skips the value checks of a setting holding one.
 * Thread-safe.
 */
public final class Secrets {
  private static final Pattern REF = Pattern.compile("\\$\\{(env|file|var):([^}]+)}");
  private static final String MASK = "****";
  private static final int MIN_SECRET_LENGTH = 3;

  private final UnaryOperator<String> env;
  private final boolean skipSecrets;
  private final Set<String> skippedEnv = new java.util.concurrent.ConcurrentSkipListSet<>();
  private final Set<String> skippedFiles = new java.util.concurrent.ConcurrentSkipListSet<>();
  private static final int MAX_RECENT = 4096;
  private final Set<String> values = ConcurrentHashMap.newKeySet();
  /** Bumped after every change to {@link #values} or {@link #recent}; a redaction list built before it is stale. */
  private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();
  private volatile Redaction redaction = new Redaction(0, new String[0]);

  /** Every secret known at {@code version}, longest first. */
  private record Redaction(long version, String[] longestFirst) {}
  private final Map<String, Boolean> recent = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_RECENT;
    }
  };

  private Secrets(UnaryOperator<String> env, boolean skipSecrets) {
    this.env = env;
    this.skipSecrets = skipSecrets;
  }

  public static Secrets fromEnvironment() {
    return new Secrets(System::getenv, false);
  }

  /** For tests and embedding: environment lookups answered from the given map. */
  public static Secrets of(Map<String, String> environment) {
    return new Secrets(environment::get, false);
  }

  /**
   * Lenient secrets for validating plans where the secrets are absent (CI): {@code ${env:..}} and {@code ${file:..}}
   * references are left as written and recorded in {@link #skippedEnv()} / {@link #skippedFiles()};
   * {@code ${var:..}} settings are still read from the environment. Never use it to run probes.
   */
  public static Secrets withoutSecrets() {
    return new Secrets(System::getenv, true);
  }

  /** {@link #withoutSecrets()} with {@code ${var:..}} lookups answered from the given map. */
  public static Secrets withoutSecrets(Map<String, String> environment) {
    return new Secrets(environment::get, true);
  }

  /** True when this instance leaves a secret reference of {@code text} unresolved, so its value cannot be checked. */
  public boolean leavesUnresolved(String text) {
    if (!skipSecrets || text == null) return false;
    Matcher m = REF.matcher(text);
    while (m.find()) {
      if (!m.group(1).equals("var")) return true;
    }
    return false;
  }

  /** The names of the {@code ${env:NAME}} references left unresolved so far, sorted; empty unless lenient. */
  public java.util.SortedSet<String> skippedEnv() {
    return new java.util.TreeSet<>(skippedEnv);
  }

  /** The paths of the {@code ${file:/path}} references left unresolved so far, sorted; empty unless lenient. */
  public java.util.SortedSet<String> skippedFiles() {
    return new java.util.TreeSet<>(skippedFiles);
  }

  /** These secrets with some environment lookups answered from {@code overrides} first (the demo's own secrets). */
  public Secrets withEnvironment(Map<String, String> overrides) {
    Secrets s = new Secrets(name -> overrides.containsKey(name) ? overrides.get(name) : env.apply(name), skipSecrets);
    s.values.addAll(values);
    s.version.incrementAndGet();
    return s;
  }

  public static boolean hasReference(String text) {
    return text != null && REF.matcher(text).find();
  }

  /**
   * Replaces every reference in {@code text}; throws {@link IllegalArgumentException} naming the missing variable or
   * unreadable file (never its value).
   */
  public String resolve(String text) {
    if (text == null || !hasReference(text)) return text;
    Matcher m = REF.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      if (skipSecrets && !m.group(1).equals("var")) {
        (m.group(1).equals("env") ? skippedEnv : skippedFiles).add(m.group(2).trim());
        m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
        continue;
      }
      String value = lookup(m.group(1), m.group(2).trim());
      if (!m.group(1).equals("var") && value.length() >= MIN_SECRET_LENGTH && values.add(value)) {
        version.incrementAndGet();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String lookup(String source, String name) {
    if (source.equals("var")) {
      int dflt = name.indexOf(":-");
      String key = dflt < 0 ? name : name.substring(0, dflt).trim();
      String v = env.apply(key);
      if (v != null && !v.isEmpty()) return v;
      if (dflt >= 0) return name.substring(dflt + 2);
      throw new IllegalArgumentException("environment variable " + key + " is not set");
    }
    if (source.equals("env")) {
      String v = env.apply(name);
      if (v == null) throw new IllegalArgumentException("environment variable " + name + " is not set");
      return v;
    }
    try {
      return Files.readString(Path.of(name), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read secret file " + name + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Registers a value that must never be shown: a token read from the command line, or one a probe obtained at run
   * time (a smoke test's session token). Run-time values are kept in a bounded, most-recent set so a probe that
   * registers a fresh token every run does not grow memory without limit.
   */
  public void register(String value) {
    if (value == null || value.length() < MIN_SECRET_LENGTH || values.contains(value)) return;
    synchronized (recent) {
      if (recent.put(value, Boolean.TRUE) == null) version.incrementAndGet(); // new (and maybe one evicted)
    }
  }

  /**
   * Registers the credentials of HTTP basic authentication from the plan, kept for the life of the process: the
   * password, {@code user:password} and its base64 (what an {@code Authorization: Basic} header carries, and what a
   * target that echoes request headers puts in evidence). Returns the base64 form.
   */
  public String registerBasic(String user, String password) {
    String pair = (user == null ? "" : user) + ":" + (password == null ? "" : password);
    String encoded = java.util.Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    for (String v : new String[] {password, pair, encoded}) {
      if (v != null && v.length() >= MIN_SECRET_LENGTH && values.add(v)) version.incrementAndGet();
    }
    return encoded;
  }

  /** Returns {@code text} with every known secret replaced by {@code ****}; longest secrets first. */
  public String redact(String text) {
    if (text == null) return text;
    String out = text;
    for (String v : redaction().longestFirst()) {
      if (out.contains(v)) out = out.replace(v, MASK);
    }
    return out;
  }

  /** The secrets to scrub, rebuilt only after a change: a redaction costs no copy, lock or sort. */
  private Redaction redaction() {
    Redaction r = redaction;
    long now = version.get();
    if (r.version() == now) return r;
    List<String> all = new java.util.ArrayList<>(values);
    synchronized (recent) {
      all.addAll(recent.keySet());
    }
    all.sort(Comparator.comparingInt(String::length).reversed());
    r = new Redaction(now, all.toArray(String[]::new)); // built from a state at least as new as `now`
    redaction = r;
    return r;
  }
}
