package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerOptionsTest {
  private static ServerOptions parse(String... args) {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(args);
    return run.server;
  }

  @Test
  void publicUrlIsTrimmedAndPassedToTheDaemon() {
    ServerOptions options = parse("--public-url", "https://golive.example.com/", "--port", "9090");
    assertThat(options.toOptions().publicUrl()).isEqualTo("https://golive.example.com");
    assertThat(options.toOptions().port()).isEqualTo(9090);
  }

  @Test
  void aPublicUrlWithoutSchemeIsBadInput() {
    ServerOptions options = parse("--public-url", "golive.example.com");
    assertThatThrownBy(options::publicUrl).isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage("--public-url must be an absolute http:// or https:// URL, got 'golive.example.com'");
  }
}
