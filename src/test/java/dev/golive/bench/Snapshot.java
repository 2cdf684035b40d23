package dev.golive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Figures of one process at one moment: CPU time and memory from /proc, the rest from its /metrics. */
final class Snapshot {
  /** Linux's USER_HZ: /proc times are in 1/100 s on every common kernel configuration. */
  private static final double TICK_MS = 10;
  private final Map<String, Double> values = new HashMap<>();
  private String metrics = "";

  void readProcess(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // after the command: state is field 3, utime 14 and stime 15 (1-based over the whole line)
    values.put("cpuMs", (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MS);
    values.put("systemCpuMs", Long.parseLong(f[12]) * TICK_MS);
    values.put("jitCpuMs", threadCpuMs(pid, "C1 CompilerThre", "C2 CompilerThre"));
    values.put("vmCpuMs", threadCpuMs(pid, "VM Thread", "GC Thread"));
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) values.put("rssMb", kb(line) / 1024);
      if (line.startsWith("VmHWM:")) values.put("hwmMb", kb(line) / 1024);
    }
  }

  /** CPU time of the process's threads whose name (as /proc shows it, 15 characters) starts with one of {@code names}. */
  private static double threadCpuMs(long pid, String... names) throws IOException {
    double ms = 0;
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String comm = Files.readString(task.resolve("comm")).strip();
          if (java.util.Arrays.stream(names).noneMatch(comm::startsWith)) continue;
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ms += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MS;
        } catch (IOException gone) {
          // the thread ended meanwhile
        }
      }
    }
    return ms;
  }

  private static double kb(String line) {
    return Double.parseDouble(line.replaceAll("[^0-9]", ""));
  }

  void metrics(String text) {
    metrics = text;
    values.put("metricsBytes", (double) text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
  }

  String metricsText() {
    return metrics;
  }

  void put(String key, double value) {
    values.put(key, value);
  }

  boolean has(String key) {
    return values.containsKey(key);
  }

  double get(String key) {
    return values.getOrDefault(key, Double.NaN);
  }
}
