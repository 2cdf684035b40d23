package dev.golive.probe.backup;

import dev.golive.condition.Observation;
import dev.golive.probe.Observer;
import dev.golive.probe.ProbeEnvironment;
import dev.golive.probe.command.BoundedProcess;
import dev.golive.probe.command.CommandProbeKind;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Looks at the backups on the blocking pool, within a deadline a little inside the probe's timeout. */
final class BackupObserver implements Observer {
  private final BackupSpec spec;
  private final ProbeEnvironment env;
  private final Duration budget;
  private final Clock clock;
  private final UnaryOperator<String> parentEnv;

  BackupObserver(BackupSpec spec, ProbeEnvironment env, Duration timeout, Clock clock, UnaryOperator<String> parentEnv) {
    this.spec = spec;
    this.env = env;
    long ms = timeout.toMillis();
    this.budget = Duration.ofMillis(Math.max(1, ms - Math.min(250, ms / 10)));
    this.clock = clock;
    this.parentEnv = parentEnv;
    if (spec.source() instanceof BackupSpec.Restic r) env.secrets().register(r.password());
  }

  @Override
  public Future<Observation> observe() {
    return env.blocking().executeBlocking(this::observeNow, false);
  }

  private Observation observeNow() throws Exception {
    long deadline = System.nanoTime() + budget.toNanos();
    BackupSpec.Source source = spec.source();
    if (source instanceof BackupSpec.Files f) {
      return FileBackups.observe(f, spec.period(), clock.instant(), deadline);
    }
    if (source instanceof BackupSpec.Restic r) {
      Map<String, String> extra = new LinkedHashMap<>(r.setEnv());
      extra.put("RESTIC_REPOSITORY", r.repository());
      if (r.password() != null) extra.put("RESTIC_PASSWORD", r.password());
      else extra.put("RESTIC_PASSWORD_FILE", r.passwordFile());
      String out = ToolBackups.stdout("restic", run(ToolBackups.resticArgs(r), r.passEnv(), extra));
      return ToolBackups.observe(ToolBackups.parseRestic(out), spec.period(), clock.instant(), "restic repository");
    }
    BackupSpec.PgBackRest p = (BackupSpec.PgBackRest) source;
    String out = ToolBackups.stdout("pgbackrest", run(ToolBackups.pgbackrestArgs(p), p.passEnv(), p.setEnv()));
    return ToolBackups.observe(ToolBackups.parsePgBackRest(out, p.stanza()), spec.period(), clock.instant(),
        "pgbackrest stanza " + p.stanza());
  }

  /** Runs a tool with PATH, HOME (for its cache) and the allowed variables only; killed with its tree at the deadline. */
  private BoundedProcess.Result run(List<String> argv, List<String> pass, Map<String, String> set) throws Exception {
    List<String> allowed = new ArrayList<>(List.of("HOME", "XDG_CACHE_HOME"));
    allowed.addAll(pass);
    Map<String, String> environment = CommandProbeKind.childEnvironment(allowed, set, parentEnv);
    return BoundedProcess.run(argv, environment, null, budget, ToolBackups.MAX_OUTPUT, true);
  }
}
