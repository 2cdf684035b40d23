package dev.golive.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.Map;

/**
 * golive's logging, set up in code (found by logback as a service) instead of from a {@code logback.xml}: parsing
 * XML took about a tenth of a second of every start. One console appender: text, or one JSON object per line with
 * {@code GOLIVE_LOG_FORMAT=json}; the root level from {@code GOLIVE_LOG_LEVEL} (default INFO); the libraries' chatter
 * at WARN. Either setting may also be a system property. A configuration file named by
 * {@code -Dlogback.configurationFile=...}, or a {@code logback-test.xml} on the class path, is used instead.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} - %msg%n";
  private static final Map<String, Level> QUIET = Map.of("org.quartz", Level.WARN, "com.zaxxer.hikari", Level.WARN,
      "org.flywaydb", Level.WARN, "io.netty", Level.WARN, "io.vertx", Level.WARN,
      "io.micrometer.core.instrument.MeterRegistry", Level.ERROR);

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    setUp(context, LogConfigurator::setting);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets up {@code context} from the settings ({@code GOLIVE_LOG_FORMAT}, {@code GOLIVE_LOG_LEVEL}; null: unset). */
  static void setUp(LoggerContext context, java.util.function.UnaryOperator<String> settings) {
    context.getStatusManager().add(new NopStatusListener());
    Encoder<ILoggingEvent> encoder;
    if ("json".equalsIgnoreCase(settings.apply("GOLIVE_LOG_FORMAT"))) {
      encoder = new JsonEncoder();
    } else {
      PatternLayoutEncoder text = new PatternLayoutEncoder();
      text.setPattern(PATTERN);
      encoder = text;
    }
    encoder.setContext(context);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("console");
    console.setEncoder(encoder);
    console.start();
    QUIET.forEach((logger, level) -> context.getLogger(logger).setLevel(level));
    ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(settings.apply("GOLIVE_LOG_LEVEL"), Level.INFO));
    root.addAppender(console);
  }

  private static String setting(String name) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) v = System.getenv(name);
    return v == null || v.isBlank() ? null : v.strip();
  }
}
