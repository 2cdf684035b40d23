package dev.golive.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The logging set up in code: what logback.xml used to say. */
class LogConfiguratorTest {
  private static LoggerContext setUp(Map<String, String> settings) {
    LoggerContext context = new LoggerContext();
    LogConfigurator.setUp(context, settings::get);
    return context;
  }

  private static ConsoleAppender<?> console(LoggerContext context) {
    return (ConsoleAppender<?>) context.getLogger("ROOT").getAppender("console");
  }

  @Test
  void textAtInfoWithTheLibrariesQuiet() {
    LoggerContext context = setUp(Map.of());
    assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.INFO);
    assertThat(console(context).getEncoder()).isInstanceOfSatisfying(PatternLayoutEncoder.class,
        e -> assertThat(e.getPattern()).isEqualTo(LogConfigurator.PATTERN));
    assertThat(context.getLogger("io.vertx.core.Foo").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("org.flywaydb").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.micrometer.core.instrument.MeterRegistry").getEffectiveLevel())
        .isEqualTo(Level.ERROR);
    assertThat(context.getLogger("dev.golive.daemon.Daemon").getEffectiveLevel()).isEqualTo(Level.INFO);
  }

  @Test
  void jsonAndLevelFromTheSettings() {
    LoggerContext context = setUp(Map.of("GOLIVE_LOG_FORMAT", "json", "GOLIVE_LOG_LEVEL", "debug"));
    assertThat(console(context).getEncoder()).isInstanceOf(JsonEncoder.class);
    assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.DEBUG);
  }

  @Test
  void aConfigurationFileOnTheClassPathWins() {
    // the tests' logback-test.xml is on the class path: the configurator steps aside for it
    LoggerContext context = new LoggerContext();
    assertThat(new LogConfigurator().configure(context))
        .isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger("ROOT").getAppender("console")).isNull();
  }
}
