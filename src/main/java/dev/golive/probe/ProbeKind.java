package dev.golive.probe;

import dev.golive.condition.Placeholders;
import dev.golive.config.ConfigNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One kind of probe ({@code http}, {@code tls}, {@code metrics}...): how its block in {@code golive.yaml} reads,
 * which placeholders its conditions may use, and how to observe. Implementations are stateless singletons.
 *
 * @param <S> the kind's immutable, validated configuration (a record)
 */
public interface ProbeKind<S> {

  /** The key that selects this kind in a probe entry, e.g. {@code http}. */
  String name();

  /**
   * Placeholder names (without brackets) that this kind observes. Conditions naming others are rejected. Declare them
   * with their types, {@code Placeholders.of("STATUS:status BODY:json")}: conditions are type-checked against them.
   */
  Set<String> placeholders();

  /** The placeholders with their types; a name declared without a type is {@code json} (anything). */
  default Placeholders placeholderTypes() {
    return Placeholders.untyped(placeholders());
  }

  /**
   * Reads and validates the kind's block. Every problem goes to {@code block.problems()} with its location
   * ({@link ConfigNode#allowOnly}, typed readers); returns null when the block is unusable.
   */
  S parse(ConfigNode block);

  /**
   * The interval when the probe entry sets none: the plan's default, unless the kind is costly to run (a rate-limit
   * probe sends a burst of requests and defaults to an hour).
   */
  default Duration defaultInterval(Duration planDefault) {
    return planDefault;
  }

  /** Conditions applied when the user wrote none, e.g. {@code [STATUS] < 400}. */
  List<String> defaultConditions(S spec);

  /**
   * Creates the observer for one probe; called once per probe when its plan starts. {@code timeout} is the probe's
   * whole budget: the observer bounds its own requests by it (the caller also fails the run when it passes).
   */
  Observer observer(S spec, ProbeEnvironment env, Duration timeout);
}
