package dev.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/systemd/golive.service, verified by systemd-analyze (Debian package systemd). */
class SystemdUnitIT {
  private static final Path UNIT = Path.of("deploy/systemd/golive.service");
  private static final String EXEC_START =
      "/usr/bin/golive run --data /var/lib/golive --plans /etc/golive/probes";

  private static Path systemdAnalyze;
  private static String text;
  /** Section.Key → values in order (systemd keys may repeat). */
  private static final Map<String, List<String>> SETTINGS = new LinkedHashMap<>();

  @BeforeAll
  static void load() throws Exception {
    systemdAnalyze = Tools.require("systemd-analyze", "systemd");
    text = Files.readString(UNIT);
    String section = "";
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) continue;
      if (t.startsWith("[")) {
        section = t.substring(1, t.length() - 1);
        continue;
      }
      int eq = t.indexOf('=');
      SETTINGS.computeIfAbsent(section + "." + t.substring(0, eq), k -> new ArrayList<>()).add(t.substring(eq + 1));
    }
  }

  private static String setting(String key) {
    List<String> v = SETTINGS.get(key);
    assertThat(v).as(key).isNotNull().hasSize(1);
    return v.get(0);
  }

  /** The unit as systemd will load it; ExecStart pointed at /bin/true where golive is not installed. */
  private static Path installable(Path dir) throws Exception {
    String unit = text;
    if (!Files.isExecutable(Path.of("/usr/bin/golive"))) {
      unit = unit.replace("ExecStart=/usr/bin/golive ", "ExecStart=/bin/true ");
    }
    Path copy = dir.resolve("golive.service");
    Files.writeString(copy, unit);
    return copy;
  }

  /** systemd-analyze verify's complaints about our unit (it also reports on system units we cannot fix). */
  private static List<String> verify(Path unit) throws Exception {
    Tools.Result r = Tools.run(unit.getParent(), List.of(systemdAnalyze.toString(), "verify", unit.toString()));
    List<String> ours = r.output().lines().filter(l -> l.contains("golive.service")).toList();
    List<String> out = new ArrayList<>(ours);
    if (r.exit() != 0) out.add("exit " + r.exit() + ": " + r.output());
    return out;
  }

  @Test
  void verifiesCleanly(@TempDir Path tmp) throws Exception {
    assertThat(verify(installable(tmp))).isEmpty();
  }

  @Test
  void verifyWouldCatchAMistake(@TempDir Path tmp) throws Exception {
    Path unit = installable(tmp);
    Files.writeString(unit, Files.readString(unit).replace("NoNewPrivileges=yes", "NoNewPrivilege=yes"));
    assertThat(verify(unit)).anyMatch(l -> l.contains("NoNewPrivilege"));
  }

  @Test
  void exposureIsLow(@TempDir Path tmp) throws Exception {
    Path unit = installable(tmp);
    Tools.Result r = Tools.run(tmp, List.of(systemdAnalyze.toString(), "security", "--offline=yes", "--no-pager",
        unit.toString()));
    Matcher m = Pattern.compile("Overall exposure level for golive.service: ([0-9.]+)").matcher(r.output());
    assertThat(m.find()).as(r.output()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).as(r.output()).isLessThanOrEqualTo(2.5);
  }

  @Test
  void runsTheJarOnTheStateDirectoryWithThePlansFromEtc() {
    assertThat(setting("Service.ExecStart")).isEqualTo(EXEC_START);
    assertThat(setting("Service.StateDirectory")).isEqualTo("golive");
    assertThat(setting("Service.EnvironmentFile")).isEqualTo("-/etc/golive/env");
    assertThat(setting("Service.Restart")).isEqualTo("on-failure");
    assertThat(setting("Service.SuccessExitStatus")).isEqualTo("143");
    assertThat(setting("Install.WantedBy")).isEqualTo("multi-user.target");
  }

  @Test
  void boundsTheHeapBelowTheMemoryLimit() {
    assertThat(setting("Service.Environment")).isEqualTo("GOLIVE_HEAP=224m");
    assertThat(setting("Service.MemoryMax")).isEqualTo("768M");
  }

  @Test
  void runsUnprivilegedAndHardened() {
    boolean dynamic = "yes".equals(SETTINGS.getOrDefault("Service.DynamicUser", List.of("")).get(0));
    assertThat(dynamic || "golive".equals(setting("Service.User"))).isTrue();
    assertThat(setting("Service.NoNewPrivileges")).isEqualTo("yes");
    assertThat(setting("Service.ProtectSystem")).isEqualTo("strict");
    assertThat(setting("Service.ProtectHome")).isEqualTo("yes");
    assertThat(setting("Service.PrivateTmp")).isEqualTo("yes");
    assertThat(setting("Service.CapabilityBoundingSet")).isEmpty();
    // a JVM's JIT needs W+X pages: MemoryDenyWriteExecute=yes would kill it at start
    assertThat(SETTINGS.getOrDefault("Service.MemoryDenyWriteExecute", List.of("no"))).containsOnly("no");
  }
}
