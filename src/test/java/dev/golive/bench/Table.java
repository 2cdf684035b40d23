package dev.golive.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's one output: the conditions, then a row per figure for golive and blackbox_exporter. */
final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final String header;

  Table(ProbeBenchmark.Options o, int nginxPort, String loadBefore, String loadAfter, double seconds) {
    header = String.format(Locale.ROOT, "%,d http probes every %s, measured over %.0f s after %s of "
        + "warm-up, against nginx on 127.0.0.1:%d%nkeep-alive: %s; CPU hog: %s; %d cores; load average before: %s; "
        + "after: %s", o.probes(), Durations.text(o.interval()), seconds, Durations.text(o.warmUp()), nginxPort,
        o.keepAlive().isEmpty() ? "golive's default" : o.keepAlive(),
        o.cpuHog() ? "on (one busy process per core)" : "off", Runtime.getRuntime().availableProcessors(),
        loadBefore, loadAfter);
  }

  void row(String name, String golive, String blackbox) {
    rows.add(new String[] {name, golive, blackbox == null ? "" : blackbox});
  }

  void print() {
    System.out.println();
    System.out.println(header);
    System.out.println();
    int first = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    String format = "| %-" + first + "s | %-32s | %-32s |%n";
    System.out.printf(format, "", "golive", "blackbox_exporter");
    System.out.printf(format, "-".repeat(first), "-".repeat(32), "-".repeat(32));
    for (String[] r : rows) System.out.printf(format, r[0], r[1], r[2]);
    System.out.println();
  }
}
