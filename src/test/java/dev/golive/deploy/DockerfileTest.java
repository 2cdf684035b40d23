package dev.golive.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DockerfileTest {
  private static final Path DOCKERFILE = Path.of("deploy/docker/Dockerfile");
  private static final String JAR = "/opt/golive/lib/golive.jar";
  private static final String LAUNCHER = "/opt/golive/bin/golive";

  /** One Dockerfile instruction, continuation lines joined. */
  record Instruction(String keyword, String args) {}

  private static List<Instruction> all;

  @BeforeAll
  static void parse() throws Exception {
    all = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      String t = line.strip();
      if (current.isEmpty() && (t.isEmpty() || t.startsWith("#"))) continue;
      if (t.endsWith("\\")) {
        current.append(t, 0, t.length() - 1).append(' ');
        continue;
      }
      current.append(t);
      String s = current.toString().strip();
      int sp = s.indexOf(' ');
      all.add(new Instruction(s.substring(0, sp).toUpperCase(), s.substring(sp + 1).strip()));
      current.setLength(0);
    }
  }

  private static List<Instruction> of(String keyword) {
    return all.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** Instructions of the last (runtime) stage. */
  private static List<Instruction> runtime() {
    int last = 0;
    for (int i = 0; i < all.size(); i++) if (all.get(i).keyword().equals("FROM")) last = i;
    return all.subList(last, all.size());
  }

  private static Instruction single(List<Instruction> in, String keyword) {
    List<Instruction> found = in.stream().filter(i -> i.keyword().equals(keyword)).toList();
    assertThat(found).as(keyword).hasSize(1);
    return found.get(0);
  }

  private static List<String> execForm(String args) throws Exception {
    assertThat(args).as("exec form").startsWith("[");
    return Arrays.asList(new ObjectMapper().readValue(args, String[].class));
  }

  @Test
  void buildsWithMavenAndRunsOnAJre() {
    List<Instruction> from = of("FROM");
    assertThat(from).hasSize(2);
    assertThat(from.get(0).args()).isEqualTo("maven:3-eclipse-temurin-17 AS build");
    assertThat(from.get(1).args()).isEqualTo("eclipse-temurin:17-jre");
    assertThat(all.get(0).keyword()).isEqualTo("FROM");
  }

  @Test
  void copiesTheJarMavenBuilds() throws Exception {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher finalName = Pattern.compile("<finalName>([^<]+)</finalName>").matcher(pom);
    assertThat(finalName.find()).isTrue();
    String built = "target/" + finalName.group(1) + ".jar";
    assertThat(built).isEqualTo("target/golive.jar");

    Instruction copy = runtime().stream().filter(i -> i.keyword().equals("COPY") && i.args().startsWith("--from=build"))
        .findFirst().orElseThrow();
    String[] parts = copy.args().split("\\s+");
    String buildWorkdir = single(all.subList(0, all.indexOf(runtime().get(0))), "WORKDIR").args();
    assertThat(parts[1]).isEqualTo(buildWorkdir + "/" + built);
    assertThat(parts[2]).isEqualTo(JAR);
    Instruction launcher = runtime().stream().filter(i -> i.keyword().equals("COPY") && i.args().startsWith("--from=build")
        && i.args().endsWith(" " + LAUNCHER)).findFirst().orElseThrow();
    assertThat(launcher.args().split("\\s+")[1]).isEqualTo(buildWorkdir + "/target/golive");
    assertThat(execForm(single(all, "ENTRYPOINT").args())).containsExactly(LAUNCHER);
    // the class-data archive is made beside the installed jar (it records the path), before USER
    assertThat(runtime()).anyMatch(i -> i.keyword().equals("RUN") && i.args().startsWith("GOLIVE_CDS=dump " + LAUNCHER));
  }

  @Test
  void defaultCommandRunsTheDaemonOnTheMountedPlansAndData() throws Exception {
    assertThat(execForm(single(all, "CMD").args()))
        .containsExactly("run", "--plans", "/etc/golive/probes", "--data", "/var/lib/golive");
    assertThat(single(runtime(), "VOLUME").args()).contains("/var/lib/golive");
  }

  @Test
  void runtimeStageRunsAsTheUserItCreates() {
    String user = single(runtime(), "USER").args();
    assertThat(user.split(":")[0]).isNotIn("root", "0");
    String run = runtime().stream().filter(i -> i.keyword().equals("RUN")).map(Instruction::args)
        .filter(a -> a.contains("useradd")).findFirst().orElseThrow();
    assertThat(run).contains("--uid " + user.split(":")[0]).contains("chown golive:golive /var/lib/golive");
    // USER comes after everything that needs root and before the process starts
    List<Instruction> rt = runtime();
    int userAt = rt.indexOf(single(rt, "USER"));
    assertThat(rt.subList(userAt, rt.size())).noneMatch(i -> i.keyword().equals("RUN"));
  }

  @Test
  void exposesTheHttpPort() {
    assertThat(single(runtime(), "EXPOSE").args()).isEqualTo("8080");
  }

  @Test
  void dockerignoreSendsOnlyTheSources() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("deploy/docker/Dockerfile.dockerignore")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(lines).containsExactly("*", "!pom.xml", "!src/main");
    assertThat(all).filteredOn(i -> i.keyword().equals("COPY") && !i.args().startsWith("--from"))
        .extracting(Instruction::args).containsExactly("pom.xml ./", "src ./src");
  }

  @Test
  void healthcheckPassesOnlyWhileHealthzAnswers200() throws Exception {
    String hc = single(runtime(), "HEALTHCHECK").args();
    assertThat(hc).contains("--interval=").contains("--timeout=").contains("--start-period=");
    List<String> cmd = execForm(hc.substring(hc.indexOf("CMD ") + 4).strip());
    assertThat(cmd.get(0)).isEqualTo("bash");
    assertThat(String.join(" ", cmd)).contains("127.0.0.1/8080").contains("GET /healthz ");

    try (ApiServer golive = new ApiServer(true)) {
      assertThat(runHealthcheck(cmd, golive.port())).as("healthy golive").isZero();
    }
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer sick = vertx.createHttpServer().requestHandler(r -> r.response().setStatusCode(503).end())
          .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertThat(runHealthcheck(cmd, sick.actualPort())).as("503").isNotZero();
      int closedPort = sick.actualPort();
      sick.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertThat(runHealthcheck(cmd, closedPort)).as("nothing listening").isNotZero();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  /** Runs the HEALTHCHECK command here, against a port of ours instead of the container's 8080. */
  private static int runHealthcheck(List<String> cmd, int port) throws Exception {
    List<String> local = cmd.stream().map(a -> a.replace("127.0.0.1/8080", "127.0.0.1/" + port)).toList();
    Process p = new ProcessBuilder(local).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("healthcheck finished").isTrue();
    return p.exitValue();
  }
}
