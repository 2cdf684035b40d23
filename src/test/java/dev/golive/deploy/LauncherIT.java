package dev.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * target/golive, the launcher {@code mvn package} builds: it runs the jar with a bounded heap that the user's options
 * override, uses the class-data archive the build made, and survives being installed by deploy/install.sh and called
 * through the /usr/bin-style symlink.
 */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("target/golive");
  private static final long MIB = 1024 * 1024;

  record Run(int exit, String output) {}

  private static Run run(Path workDir, Map<String, String> env, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().keySet().removeAll(List.of("JAVA_OPTS", "GOLIVE_JAVA_OPTS", "GOLIVE_HEAP", "GOLIVE_CDS",
        "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s finishes", List.of(command)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static long maxHeap(Map<String, String> env) throws Exception {
    Run r = run(Path.of("."), env, LAUNCHER.toString(), "--version");
    assertThat(r.exit()).as(r.output()).isZero();
    var m = java.util.regex.Pattern.compile("size_t MaxHeapSize\\s+= (\\d+)").matcher(r.output());
    assertThat(m.find()).as(r.output()).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void runsTheJarAndPassesArgumentsThrough() throws Exception {
    assertThat(LAUNCHER).as("mvn package builds target/golive").isExecutable();
    Run r = run(Path.of("."), Map.of(), LAUNCHER.toString(), "--version");
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output().strip()).matches("golive \\S+");
    Run bad = run(Path.of("."), Map.of(), LAUNCHER.toString(), "run", "--prot", "1");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.output()).contains("Unknown option: '--prot'");
  }

  @Test
  void boundsTheHeapUnlessTheUserChoosesOne() throws Exception {
    String flags = "-XX:+PrintFlagsFinal";
    assertThat(maxHeap(Map.of("GOLIVE_JAVA_OPTS", flags))).as("default").isEqualTo(224 * MIB);
    assertThat(maxHeap(Map.of("GOLIVE_HEAP", "128m", "GOLIVE_JAVA_OPTS", flags))).isEqualTo(128 * MIB);
    assertThat(maxHeap(Map.of("GOLIVE_JAVA_OPTS", "-Xmx320m " + flags))).isEqualTo(320 * MIB);
    assertThat(maxHeap(Map.of("JAVA_OPTS", "-Xmx192m", "GOLIVE_JAVA_OPTS", flags))).isEqualTo(192 * MIB);
  }

  @Test
  void usesTheSerialCollectorUnlessTheUserNamesAnother() throws Exception {
    assertThat(flag(Map.of("GOLIVE_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "UseSerialGC")).as("default").isEqualTo("true");
    assertThat(flag(Map.of("GOLIVE_JAVA_OPTS", "-XX:+PrintFlagsFinal"), "ReservedCodeCacheSize"))
        .isEqualTo(String.valueOf(64 * MIB));
    Map<String, String> g1 = Map.of("GOLIVE_JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintFlagsFinal");
    assertThat(flag(g1, "UseG1GC")).isEqualTo("true");
    assertThat(flag(g1, "UseSerialGC")).isEqualTo("false");
  }

  private static String flag(Map<String, String> env, String name) throws Exception {
    Run r = run(Path.of("."), env, LAUNCHER.toString(), "--version");
    assertThat(r.exit()).as(r.output()).isZero();
    var m = java.util.regex.Pattern.compile("\\b" + name + "\\s+= (\\S+)").matcher(r.output());
    assertThat(m.find()).as(r.output()).isTrue();
    return m.group(1);
  }

  @Test
  void usesTheClassDataArchiveTheBuildMade() throws Exception {
    assertThat(Path.of("target/golive.jsa")).as("mvn package makes the archive (not -Dgolive.cds.skip)").exists();
    Map<String, String> log = Map.of("GOLIVE_JAVA_OPTS", "-Xlog:class+load=info");
    assertThat(run(Path.of("."), log, LAUNCHER.toString(), "--version").output())
        .contains("dev.golive.cli.Main source: shared objects file");
    Map<String, String> off = Map.of("GOLIVE_JAVA_OPTS", "-Xlog:class+load=info", "GOLIVE_CDS", "off");
    assertThat(run(Path.of("."), off, LAUNCHER.toString(), "--version").output())
        .contains("dev.golive.cli.Main source: file:").doesNotContain("dev.golive.cli.Main source: shared");
  }

  @Test
  void installsDebianStyleWithAnArchiveForTheInstalledJar(@TempDir Path root) throws Exception {
    Path prefix = root.resolve("opt/golive");
    Path bin = root.resolve("usr/bin");
    Run install = run(Path.of("."), Map.of("PREFIX", prefix.toString(), "BINDIR", bin.toString(),
        "SYSCONFDIR", root.resolve("etc").toString(), "UNITDIR", root.resolve("etc/systemd/system").toString()),
        "sh", "deploy/install.sh");
    assertThat(install.exit()).as(install.output()).isZero();
    assertThat(prefix.resolve("bin/golive")).isExecutable();
    assertThat(prefix.resolve("lib/golive.jar")).exists();
    assertThat(prefix.resolve("lib/golive.jsa")).as(install.output()).exists();
    assertThat(root.resolve("etc/golive/probes")).isDirectory();
    assertThat(root.resolve("etc/systemd/system/golive.service"))
        .hasSameTextualContentAs(Path.of("deploy/systemd/golive.service"));
    assertThat(Files.isSymbolicLink(bin.resolve("golive"))).isTrue();

    List<String> viaLink = new ArrayList<>(List.of(bin.resolve("golive").toString(), "--version"));
    Run r = run(root, Map.of("GOLIVE_JAVA_OPTS", "-Xlog:class+load=info"), viaLink.toArray(String[]::new));
    assertThat(r.exit()).as(r.output()).isZero();
    assertThat(r.output()).contains("dev.golive.cli.Main source: shared objects file")
        .doesNotContain("target/golive.jar");
  }
}
