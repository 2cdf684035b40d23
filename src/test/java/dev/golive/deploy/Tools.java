package dev.golive.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External programs the deploy ITs need: found or the test fails saying what to install. */
final class Tools {
  private Tools() {}

  record Result(int exit, String output) {}

  static Path require(String program, String debianPackage) {
    List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin", program), Path.of("/bin", program)));
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isBlank()) candidates.add(Path.of(dir, program));
    }
    for (Path p : candidates) {
      if (Files.isExecutable(p)) return p;
    }
    return fail(program + " is missing: install the Debian package '" + debianPackage + "' (apt-get install -y "
        + debianPackage + "); this test does not skip");
  }

  static Result run(Path workDir, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return fail(command + " did not finish in 120s");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
