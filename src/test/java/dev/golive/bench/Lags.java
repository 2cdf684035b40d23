package dev.golive.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scheduling lag from nginx's access log ({@code $msec $uri}, URIs {@code /g/<i>} for golive, {@code /b/<i>} for
 * blackbox_exporter). Each probe runs at a fixed rate, so its requests share one phase within the interval: the median
 * phase of its requests; a request's lag is how much later than that phase it came (early requests count 0). Requests
 * between {@code from} and {@code to} (epoch seconds) count.
 */
final class Lags {
  private Lags() {}

  /** Per side ("golive", "blackbox"): {p50 ms, p99 ms, requests}. */
  static Map<String, double[]> fromAccessLog(Path log, Duration interval, double from, double to) throws IOException {
    Map<String, Map<Integer, List<Double>>> times = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(log)) {
      for (String line; (line = r.readLine()) != null; ) {
        int sp = line.indexOf(' ');
        if (sp < 0 || line.length() < sp + 4) continue;
        String side = line.startsWith("/g/", sp + 1) ? "golive" : line.startsWith("/b/", sp + 1) ? "blackbox" : null;
        if (side == null) continue;
        double t = Double.parseDouble(line.substring(0, sp));
        int probe = Integer.parseInt(line.substring(sp + 4).strip());
        times.computeIfAbsent(side, k -> new HashMap<>()).computeIfAbsent(probe, k -> new ArrayList<>()).add(t);
      }
    }
    double period = interval.toMillis() / 1000.0;
    Map<String, double[]> out = new HashMap<>();
    times.forEach((side, byProbe) -> {
      List<Double> lags = new ArrayList<>();
      for (List<Double> ts : byProbe.values()) {
        // the probe's phase within the interval: the median of its requests' phases (most runs are on time; the
        // schedule is fixed-rate, so the phase is constant); a request's lag is its phase's distance after that,
        // folded into [-period/2, period/2) so that one very late request cannot shift every other one
        double[] d = new double[ts.size()];
        for (int j = 0; j < ts.size(); j++) d[j] = fold(ts.get(j) - ts.get(0), period);
        double[] sorted = d.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        for (int j = 0; j < ts.size(); j++) {
          if (ts.get(j) >= from && ts.get(j) <= to) lags.add(Math.max(0, fold(d[j] - median, period)) * 1000);
        }
      }
      if (lags.isEmpty()) return;
      double[] v = lags.stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(v);
      out.put(side, new double[] {v[(int) (v.length * 0.50)], v[Math.min(v.length - 1, (int) (v.length * 0.99))],
          v.length});
    });
    return out;
  }

  /** {@code x} folded into [-period/2, period/2). */
  private static double fold(double x, double period) {
    return x - Math.floor(x / period + 0.5) * period;
  }
}
