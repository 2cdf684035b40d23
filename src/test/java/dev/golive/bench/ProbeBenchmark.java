package dev.golive.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Not a test: golive (the real daemon, {@code target/golive}, as its own process) and blackbox_exporter probing one
 * local nginx side by side, for the README's Scale table. Run it with {@code src/test/bench/bench.sh} (see there and
 * the README for the options). Prints one table: runs per second achieved against scheduled, runs that failed against
 * the healthy target, CPU per probe, memory, /metrics size and scrape time, scheduling lag and start time.
 *
 * <p>golive's lag is read from nginx's access log: probe i's k-th request should come k intervals after its most
 * punctual one; how much later it came is its lag (this includes dispatch and connect). blackbox_exporter has no
 * schedule of its own (Prometheus is its scheduler): the driver here sends each probe request on schedule over a new
 * connection, and its lag column is how late the request reached nginx, measured the same way.
 */
public final class ProbeBenchmark {
  private final Options o;
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** What to run; {@code warmUp} null means three intervals, at least 30 s. */
  record Options(int probes, Duration interval, Duration duration, Duration warmUp, boolean cpuHog, String keepAlive,
      boolean blackbox, String golive) {
    Options {
      if (warmUp == null) warmUp = Duration.ofMillis(Math.max(3 * interval.toMillis(), 30_000));
    }
  }

  private ProbeBenchmark(Options o, Path dir) {
    this.o = o;
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    Options o = parse(args);
    Path dir = Files.createTempDirectory("golive-bench");
    ProbeBenchmark b = new ProbeBenchmark(o, dir);
    Runtime.getRuntime().addShutdownHook(new Thread(b::stopAll));
    try {
      b.run();
    } finally {
      b.stopAll();
    }
  }

  static Options parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>(Map.of("--probes", "10000", "--interval", "10s", "--duration", "10m",
        "--warm-up", "", "--cpu-hog", "false", "--keep-alive", "", "--blackbox", "true", "--golive", "target/golive"));
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--cpu-hog")) {
        m.put(a, "true");
      } else if (a.equals("--no-blackbox")) {
        m.put("--blackbox", "false");
      } else if (m.containsKey(a) && i + 1 < args.length) {
        m.put(a, args[++i]);
      } else {
        throw new IllegalArgumentException("unknown option " + a + "; options: --probes N --interval 10s "
            + "--duration 10m --warm-up 2m --cpu-hog --keep-alive true|false --no-blackbox --golive target/golive");
      }
    }
    return new Options(Integer.parseInt(m.get("--probes")), dev.golive.config.Durations.parse(m.get("--interval")),
        dev.golive.config.Durations.parse(m.get("--duration")),
        m.get("--warm-up").isEmpty() ? null : dev.golive.config.Durations.parse(m.get("--warm-up")),
        Boolean.parseBoolean(m.get("--cpu-hog")),
        m.get("--keep-alive"), Boolean.parseBoolean(m.get("--blackbox")), m.get("--golive"));
  }

  private void run() throws Exception {
    int nginxPort = startNginx();
    String load0 = Files.readString(Path.of("/proc/loadavg")).strip();
    Path plan = writePlans(nginxPort);
    int golivePort = freePort();
    String token = "bench-token-" + System.nanoTime();
    ProcessBuilder pb = new ProcessBuilder(o.golive(), "run", plan.toString(), "--host", "127.0.0.1", "--port",
        String.valueOf(golivePort), "--data", dir.resolve("data").toString()).redirectErrorStream(true);
    pb.environment().put("GOLIVE_API_TOKEN", token);
    long t0 = System.nanoTime();
    Process golive = start(pb);
    AtomicLong firstResultNs = new AtomicLong();
    AtomicLong jvmReportedMs = new AtomicLong(-1);
    Thread reader = new Thread(() -> follow(golive, dir.resolve("golive.log"), t0, firstResultNs, jvmReportedMs));
    reader.setDaemon(true);
    reader.start();
    String base = "http://127.0.0.1:" + golivePort;
    awaitHttp(base + "/healthz", Duration.ofMinutes(3), golive);
    for (int k = 0; k < planCount(); k++) {
      post(base + "/api/plans/bench-" + k + "/deployments", token, "{\"version\":\"bench-1\",\"note\":\"benchmark\"}");
    }

    Process blackbox = null;
    Vertx vertx = null;
    Driver driver = null;
    long bbStart = 0;
    int bbPort = 0;
    if (o.blackbox()) {
      bbPort = freePort();
      Files.writeString(dir.resolve("blackbox.yml"), "modules:\n  http_2xx:\n    prober: http\n    timeout: " + Durations.text(timeout()) + "\n"
          + "    http:\n      valid_status_codes: [200]\n");
      bbStart = System.nanoTime();
      blackbox = start(new ProcessBuilder("/usr/bin/prometheus-blackbox-exporter", "--config.file="
          + dir.resolve("blackbox.yml"), "--web.listen-address=127.0.0.1:" + bbPort)
          .redirectErrorStream(true).redirectOutput(dir.resolve("blackbox.log").toFile()));
      vertx = Vertx.vertx();
      driver = new Driver(vertx, bbPort, nginxPort, o.probes(), o.interval(), bbStart);
      awaitHttp("http://127.0.0.1:" + bbPort + "/metrics", Duration.ofMinutes(1), blackbox);
      driver.start();
    }

    List<Process> hogs = new ArrayList<>();
    if (o.cpuHog()) {
      long bound = o.duration().plus(o.interval()).plusMinutes(2).toSeconds();
      for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
        hogs.add(start(new ProcessBuilder("timeout", bound + "s", "sh", "-c", "while :; do :; done")));
      }
    }

    // warm up (by default three intervals, at least 30 s): every item has ticked (pending, passing, done) and the JIT
    // has compiled the hot paths, so the window measures the steady state of both sides
    Thread.sleep(o.warmUp().toMillis());
    Snapshot g0 = golive(golive, base, false);
    Snapshot b0 = blackbox == null ? null : blackbox(blackbox, bbPort, driver, false);
    double measureStartEpoch = System.currentTimeMillis() / 1000.0;
    Thread.sleep(o.duration().toMillis());
    double measureEndEpoch = System.currentTimeMillis() / 1000.0;
    Snapshot b1 = blackbox == null ? null : blackbox(blackbox, bbPort, driver, true);
    Snapshot g1 = golive(golive, base, true);
    double seconds = delta(g0, g1, "atNs") / 1e9;
    double bbSeconds = b0 == null ? Double.NaN : delta(b0, b1, "atNs") / 1e9;
    hogs.forEach(Process::destroy);
    String load1 = Files.readString(Path.of("/proc/loadavg")).strip();
    if (driver != null) driver.stop();

    Thread.sleep(1500); // nginx flushes its access log every second
    Map<String, double[]> lag = Lags.fromAccessLog(dir.resolve("access.log"), o.interval(), measureStartEpoch,
        measureEndEpoch);
    String metrics = g1.metricsText();
    double itemFailures = sum(metrics, "golive_items\\{plan=\"bench-\\d+\",state=\"(failing|regressed|contradicted)\"}");
    double firing = sum(metrics, "golive_trigger_firing\\{[^}]*}");

    Table t = new Table(o, nginxPort, load0, load1, seconds);
    t.row("runs/s achieved (scheduled)", fmt(rate(g0, g1, "runs", seconds)) + " (" + fmt(scheduled()) + ")",
        b0 == null ? null : fmt(rate(b0, b1, "runs", bbSeconds)) + " (" + fmt(scheduled()) + ")");
    t.row("failed runs, healthy target", fmt(delta(g0, g1, "failed")), b0 == null ? null : fmt(delta(b0, b1, "failed")));
    t.row("  of which timeouts", "see log", b0 == null ? null : fmt(delta(b0, b1, "timeouts")));
    t.row("inconclusive runs (golive overloaded)", g1.has("inconclusive") ? fmt(delta(g0, g1, "inconclusive"))
        : "no metric", b0 == null ? null : "-");
    t.row("CPU ms per probe", String.format(Locale.ROOT, "%.3f", delta(g0, g1, "cpuMs") / delta(g0, g1, "runs")),
        b0 == null ? null : String.format(Locale.ROOT, "%.3f", delta(b0, b1, "cpuMs") / delta(b0, b1, "runs")));
    t.row("  of which in the kernel (system time)", perRun(g0, g1, "systemCpuMs"),
        b0 == null ? null : perRun(b0, b1, "systemCpuMs"));
    t.row("  of which JIT compiler / VM (GC) threads", perRun(g0, g1, "jitCpuMs") + " / " + perRun(g0, g1, "vmCpuMs"),
        b0 == null ? null : "-");
    t.row("RSS MB (peak)", fmt(g1.get("rssMb")) + " (" + fmt(g1.get("hwmMb")) + ")",
        b1 == null ? null : fmt(b1.get("rssMb")) + " (" + fmt(b1.get("hwmMb")) + ")");
    t.row("heap used / committed MB", fmt(g1.get("heapMb")) + " / " + fmt(g1.get("heapCommittedMb")),
        b1 == null ? null : fmt(b1.get("heapMb")) + " (Go heap in use)");
    t.row("/metrics bytes", fmt(g1.get("metricsBytes")), b1 == null ? null : fmt(b1.get("metricsBytes")));
    t.row("/metrics scrape ms (median of 5)", fmt1(g1.get("scrapeMs")), b1 == null ? null : fmt1(b1.get("scrapeMs")));
    t.row("lateness p50 / p99 ms vs median phase (nginx log)", lagText(lag.get("golive")), b0 == null ? null : lagText(lag.get("blackbox")));
    double lagRuns = delta(g0, g1, "lagCount");
    t.row("runs started within 10 / 100 / 1000 ms of schedule", pct(delta(g0, g1, "lagUnder10ms"), lagRuns) + " / "
        + pct(delta(g0, g1, "lagUnder100ms"), lagRuns) + " / " + pct(delta(g0, g1, "lagUnder1s"), lagRuns), null);
    t.row("start to first result ms", firstResultNs.get() == 0 ? "none"
        : fmt((firstResultNs.get() - t0) / 1e6) + " (JVM says " + jvmReportedMs.get() + ")",
        driver == null ? null : fmt(driver.firstResultMs()));
    t.row("item failures / triggers firing", fmt(itemFailures) + " / " + fmt(firing), b0 == null ? null : "-");
    t.print();
    System.out.println("logs and configs: " + dir);
    if (vertx != null) vertx.close();
  }

  /** Both sides time out after 5s, or the interval when that is shorter (golive refuses a longer timeout). */
  private Duration timeout() {
    return o.interval().compareTo(Duration.ofSeconds(5)) < 0 ? o.interval() : Duration.ofSeconds(5);
  }

  private double scheduled() {
    return o.probes() / (o.interval().toMillis() / 1000.0);
  }

  /** A CPU figure's change over the window per run, in ms. */
  private static String perRun(Snapshot a, Snapshot b, String key) {
    return String.format(Locale.ROOT, "%.3f", delta(a, b, key) / delta(a, b, "runs"));
  }

  private static double rate(Snapshot a, Snapshot b, String key, double seconds) {
    return delta(a, b, key) / seconds;
  }

  private static double delta(Snapshot a, Snapshot b, String key) {
    return b.get(key) - a.get(key);
  }

  private static String lagText(double[] p) {
    return p == null ? "no data" : fmt1(p[0]) + " / " + fmt1(p[1]) + " (" + fmt(p[2]) + " runs)";
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
  }

  /** {@code part} of {@code whole} in percent, 2 decimals ("99.97%"). */
  static String pct(double part, double whole) {
    return whole > 0 ? String.format(Locale.ROOT, "%.2f%%", 100 * part / whole) : "n/a";
  }

  static String fmt1(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.1f", v);
  }

  // --- nginx ---------------------------------------------------------------------------------------------------

  private int startNginx() throws Exception {
    int port = freePort();
    Path conf = dir.resolve("nginx.conf");
    Files.createDirectories(dir.resolve("nginx-tmp"));
    Files.writeString(conf, """
        worker_processes 1;
        error_log %1$s/nginx-error.log warn;
        pid %1$s/nginx.pid;
        events { worker_connections 16384; }
        http {
          client_body_temp_path %1$s/nginx-tmp;
          proxy_temp_path %1$s/nginx-tmp;
          fastcgi_temp_path %1$s/nginx-tmp;
          uwsgi_temp_path %1$s/nginx-tmp;
          scgi_temp_path %1$s/nginx-tmp;
          log_format bench '$msec $uri';
          access_log %1$s/access.log bench buffer=256k flush=1s;
          keepalive_requests 1000000;
          keepalive_timeout 75s;
          server {
            listen 127.0.0.1:%2$d;
            default_type application/json;
            location / { return 200 '{"status":"ok"}'; }
          }
        }
        """.formatted(dir, port));
    start(new ProcessBuilder("nginx", "-p", dir.toString(), "-c", conf.toString(), "-g", "daemon off; user root;")
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()));
    awaitHttp("http://127.0.0.1:" + port + "/ready", Duration.ofSeconds(30), processes.get(processes.size() - 1));
    return port;
  }

  // --- golive ----------------------------------------------------------------------------------------------------

  /** Plans of at most this many probes (a plan file is limited to 256 KiB, as a team's plan would be). */
  static final int PROBES_PER_PLAN = 1_000;

  private int planCount() {
    return (o.probes() + PROBES_PER_PLAN - 1) / PROBES_PER_PLAN;
  }

  /** Writes {@code probes/bench-<k>}, {@link #PROBES_PER_PLAN} probes each; returns the folder of plans. */
  private Path writePlans(int nginxPort) throws IOException {
    return writePlans(dir.resolve("probes"), o.probes(), o.interval(), timeout(), o.keepAlive(), nginxPort);
  }

  /**
   * Writes {@code <plans>/bench-<k>} ({@code golive.yaml} and {@code checklist.md}), {@link #PROBES_PER_PLAN} http
   * probes each against {@code http://127.0.0.1:<port>/g/<i>}; returns {@code plans}. Also used by
   * {@code src/test/bench/start-time.sh} (through {@link BenchPlans}).
   */
  static Path writePlans(Path plans, int probes, Duration interval, Duration timeout, String keepAliveOption,
      int nginxPort) throws IOException {
    String keepAlive = keepAliveOption.isEmpty() ? "" : ", keep-alive: " + keepAliveOption;
    int planCount = (probes + PROBES_PER_PLAN - 1) / PROBES_PER_PLAN;
    for (int k = 0; k < planCount; k++) {
      Path plan = Files.createDirectories(plans.resolve("bench-" + k));
      StringBuilder checklist = new StringBuilder("# Bench " + k + "\n");
      StringBuilder yaml = new StringBuilder("service: bench-" + k + "\nchecklist: checklist.md\ndefaults: { interval: ")
          .append(Durations.text(interval)).append(", timeout: ").append(Durations.text(timeout))
          .append(" }\nprobes:\n");
      int from = k * PROBES_PER_PLAN;
      int to = Math.min(probes, from + PROBES_PER_PLAN);
      for (int i = from; i < to; i++) {
        checklist.append("- [ ] BN-").append(i).append(" endpoint ").append(i).append(" answers\n");
        yaml.append("  - { id: p").append(i).append(", http: { url: \"http://127.0.0.1:").append(nginxPort)
            .append("/g/").append(i).append("\"").append(keepAlive)
            .append(" }, conditions: [\"[STATUS] == 200\", \"[BODY].status == ok\"], ticks: [BN-").append(i)
            .append("] }\n");
      }
      yaml.append("windows:\n  - { name: bench, until: 24h }\ntriggers:\n  - { id: fleet-down, critical-probes: [");
      for (int i = from; i < Math.min(to, from + 10); i++) yaml.append(i == from ? "" : ", ").append('p').append(i);
      yaml.append("], at-least: 1 }\n");
      Files.writeString(plan.resolve("checklist.md"), checklist);
      Files.writeString(plan.resolve("golive.yaml"), yaml);
    }
    return plans;
  }

  private static void follow(Process p, Path log, long t0, AtomicLong firstResultNs, AtomicLong jvmMs) {
    Pattern first = Pattern.compile("first probe result .* (\\d+) ms after the JVM started");
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
         var w = Files.newBufferedWriter(log)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (firstResultNs.get() == 0) {
          Matcher m = first.matcher(line);
          if (m.find()) {
            firstResultNs.set(System.nanoTime());
            jvmMs.set(Long.parseLong(m.group(1)));
          }
        }
        w.write(line);
        w.newLine();
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /**
   * At the start: five timed scrapes, then CPU and counters together; at the end: CPU and counters first, then the
   * timed scrapes. Either way the window between the two holds the same work (one counting scrape).
   */
  private Snapshot golive(Process p, String base, boolean end) throws Exception {
    Snapshot s = new Snapshot();
    long[] scrape = end ? null : scrapeTimes(base + "/metrics", s);
    s.readProcess(p.pid());
    s.put("atNs", System.nanoTime());
    scrapeTimes(base + "/metrics", s, 1);
    String text = s.metricsText();
    s.put("runs", sum(text, "golive_probe_runs_total\\{[^}]*}"));
    s.put("failed", sum(text, "golive_probe_runs_total\\{[^}]*result=\"(fail|error)\"[^}]*}"));
    if (text.contains("inconclusive")) {
      s.put("inconclusive", sum(text, "golive_\\w*inconclusive\\w*(\\{[^}]*})?"));
    }
    s.put("lagCount", sum(text, "golive_probe_schedule_lag_seconds_count\\{[^}]*}"));
    s.put("lagUnder10ms", sum(text, "golive_probe_schedule_lag_seconds_bucket\\{[^}]*le=\"0.01\"[^}]*}"));
    s.put("lagUnder100ms", sum(text, "golive_probe_schedule_lag_seconds_bucket\\{[^}]*le=\"0.1\"[^}]*}"));
    s.put("lagUnder1s", sum(text, "golive_probe_schedule_lag_seconds_bucket\\{[^}]*le=\"1.0\"[^}]*}"));
    s.put("heapMb", sum(text, "jvm_memory_used_bytes\\{area=\"heap\"[^}]*}") / 1048576);
    s.put("heapCommittedMb", sum(text, "jvm_memory_committed_bytes\\{area=\"heap\"[^}]*}") / 1048576);
    if (end) scrape = scrapeTimes(base + "/metrics", s);
    s.put("scrapeMs", median(scrape) / 1e6);
    return s;
  }

  private Snapshot blackbox(Process p, int port, Driver driver, boolean end) throws Exception {
    Snapshot s = new Snapshot();
    String url = "http://127.0.0.1:" + port + "/metrics";
    long[] scrape = end ? null : scrapeTimes(url, s);
    s.readProcess(p.pid());
    s.put("atNs", System.nanoTime());
    s.put("runs", driver.done.get());
    s.put("failed", driver.failed.get());
    s.put("timeouts", driver.timeouts.get());
    if (end) scrape = scrapeTimes(url, s);
    s.put("heapMb", sum(s.metricsText(), "go_memstats_heap_inuse_bytes") / 1048576);
    s.put("scrapeMs", median(scrape) / 1e6);
    return s;
  }

  private long[] scrapeTimes(String url, Snapshot s) throws Exception {
    return scrapeTimes(url, s, 5);
  }

  private long[] scrapeTimes(String url, Snapshot s, int n) throws Exception {
    long[] times = new long[n];
    for (int i = 0; i < times.length; i++) {
      long t = System.nanoTime();
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
          .build(), HttpResponse.BodyHandlers.ofString());
      times[i] = System.nanoTime() - t;
      s.metrics(r.body());
    }
    return times;
  }

  static double sum(String text, String seriesRegex) {
    Matcher m = Pattern.compile("(?m)^" + seriesRegex + " ([-+0-9.eE]+|NaN)$").matcher(text);
    double total = 0;
    while (m.find()) {
      double v = Double.parseDouble(m.group(m.groupCount()));
      if (!Double.isNaN(v)) total += v;
    }
    return total;
  }

  private static double median(long[] values) {
    long[] v = values.clone();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  // --- processes -------------------------------------------------------------------------------------------------

  private Process start(ProcessBuilder pb) throws IOException {
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  private void stopAll() {
    for (Process p : processes) p.destroy();
    for (Process p : processes) {
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
      } catch (InterruptedException e) {
        p.destroyForcibly();
      }
    }
  }

  private void awaitHttp(String url, Duration within, Process server) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      if (!server.isAlive()) {
        throw new IllegalStateException(server.info().command().orElse("a server") + " exited with "
            + server.exitValue() + " (see the logs in " + dir + ")");
      }
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() < 500) return;
      } catch (IOException e) {
        // not yet
      }
      if (System.nanoTime() > deadline) throw new IllegalStateException(url + " did not answer within " + within);
      Thread.sleep(50);
    }
  }

  private void post(String url, String token, String json) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Prometheus's part for blackbox_exporter: every probe once per interval, evenly spread, each request over a new
   * connection; counts results (probe_success) and timeouts.
   */
  static final class Driver {
    private final Vertx vertx;
    private final HttpClient client;
    private final int port;
    private final int nginxPort;
    private final int probes;
    private final long intervalNs;
    private final long startNs;
    final AtomicLong done = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong firstOkNs = new AtomicLong();
    private long timer;
    private long next;
    private long epochNs;

    Driver(Vertx vertx, int port, int nginxPort, int probes, Duration interval, long startNs) {
      this.vertx = vertx;
      this.port = port;
      this.nginxPort = nginxPort;
      this.probes = probes;
      this.intervalNs = interval.toNanos();
      this.startNs = startNs;
      this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false).setConnectTimeout(5000)
          .setIdleTimeout(10).setDefaultHost("127.0.0.1").setDefaultPort(port),
          new PoolOptions().setHttp1MaxSize(512).setMaxWaitQueueSize(-1));
    }

    void start() {
      epochNs = System.nanoTime();
      timer = vertx.setPeriodic(5, id -> tick());
    }

    void stop() {
      vertx.cancelTimer(timer);
    }

    double firstResultMs() {
      return firstOkNs.get() == 0 ? Double.NaN : (firstOkNs.get() - startNs) / 1e6;
    }

    /** Sends what is due, at most 100 per 5 ms tick: a driver that fell behind catches up without hogging its loop. */
    private void tick() {
      long now = System.nanoTime();
      for (int sent = 0; sent < 100; sent++) {
        long due = epochNs + (next / probes) * intervalNs + (next % probes) * intervalNs / probes;
        if (due > now) return;
        send((int) (next % probes));
        next++;
      }
    }

    private void send(int i) {
      String target = "http://127.0.0.1:" + nginxPort + "/b/" + i;
      client.request(HttpMethod.GET, "/probe?module=http_2xx&target=" + java.net.URLEncoder.encode(target,
              StandardCharsets.UTF_8))
          .compose(req -> req.send().compose(res -> res.body()))
          .onComplete(ar -> {
            done.incrementAndGet();
            if (ar.succeeded() && ar.result().toString().contains("\nprobe_success 1")) {
              firstOkNs.compareAndSet(0, System.nanoTime());
            } else {
              failed.incrementAndGet();
              String body = ar.succeeded() ? ar.result().toString() : String.valueOf(ar.cause());
              if (body.contains("deadline") || body.contains("imeout")) timeouts.incrementAndGet();
            }
          });
    }
  }
}
