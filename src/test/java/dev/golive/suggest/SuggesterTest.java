package dev.golive.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.golive.checklist.Checklist;
import dev.golive.checklist.ChecklistItem;
import dev.golive.checklist.ChecklistLoader;
import dev.golive.config.PlanConfig;
import dev.golive.config.PlanLoader;
import dev.golive.config.Secrets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule table on made-up items in English, Indonesian and Vietnamese (with and without diacritics). */
class SuggesterTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      error rate < 0.1%                       | <  | 0.1%
      p95 under 500 ms                        | <  | 500ms
      valid for more than 30 days             | >  | 30d
      RPO < 1 hour                            | <  | 1h
      at most 2 weeks                         | <= | 14d
      tingkat error di bawah 0,5%             | <  | 0.5%
      waktu respons kurang dari 2 detik       | <  | 2s
      berlaku lebih dari 14 hari              | >  | 14d
      RPO maksimal 30 menit                   | <= | 30m
      thời gian phản hồi dưới 800ms           | <  | 800ms
      tỉ lệ lỗi không quá 1%                  | <= | 1%
      RPO tối đa 2 giờ                        | <= | 2h
      chung chi con han tren 30 ngay          | >  | 30d
      thoi gian phan hoi duoi 1,5 giay        | <  | 1.5s
      """)
  void boundsAndUnitsAreReadInEachLanguage(String text, String op, String value) {
    Threshold t = Threshold.first(Fold.fold(text)).orElseThrow();
    assertThat(t.op()).isEqualTo(op);
    assertThat(t.value()).isEqualTo(value);
  }

  @Test
  void aLabelledThresholdTakesTheComparatorOfItsRule() {
    Threshold t = Threshold.first(Fold.fold("CPU usage (threshold: 80%)")).orElseThrow();
    assertThat(t.op()).isNull();
    assertThat(t.condition("VALUE", "<")).isEqualTo("[VALUE] < 80%");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      API p99 latency under 2 seconds                   | promql     | [VALUE] < 2s         | histogram_quantile(0.99
      Error rate < 0.5% over 5 minutes                  | promql     | [VALUE] < 0.5%       | code=~
      RPO < 1h for the database dumps                   | backup     | [AGE] < 1h           | period=1h
      CPU below 70%                                     | promql     | [VALUE] < 70%        | node_cpu_seconds_total
      Disk usage under 85%                              | promql     | [VALUE] < 85%        | node_filesystem_avail_bytes
      Certificate valid for more than 21 days           | tls        | [CERT_EXPIRY] > 21d  | port=443
      Checkout page responds in under 300ms             | http       | [RESPONSE_TIME] < 300ms | url=
      Port 5432 closed from the internet                | tcp        |                      | closed=[5432]
      Only port 443 open on the load balancer           | tcp        |                      | open=[443]
      Stripe webhook signatures verified                | webhook    |                      | scheme=stripe
      GitHub webhook secret configured                  | webhook    |                      | scheme=github
      Slack events signature check                      | webhook    |                      | scheme=slack
      WhatsApp webhook verify token handshake           | webhook    |                      | scheme=meta
      Nightly cron job checks in                        | heartbeat  |                      | period=1d
      Row level security enabled on every table         | sql        | [ROWS] == 0          | relrowsecurity
      All migrations applied                            | sql        | [VALUE] == 0         | schema_history
      Rate limit on login: 5 requests per minute        | rate-limit | [REQUESTS_UNTIL_LIMITED] <= 6 | /api/login
      HSTS enabled with max-age at least 365 days       | headers    |                      | hsts-min-age=365d
      CORS allows only the web origin                   | cors       |                      | origin=
      DNS points to the new load balancer               | dns        |                      | type=A
      Health check https://shop.example.org/healthz returns 200 | http | [STATUS] == 200 | url=https://shop.example.org/healthz
      Tingkat error di bawah 0,5%                       | promql     | [VALUE] < 0.5%       | code=~
      Waktu respons p95 kurang dari 800 ms              | promql     | [VALUE] < 800ms      | histogram_quantile(0.95
      Sertifikat SSL berlaku lebih dari 14 hari         | tls        | [CERT_EXPIRY] > 14d  | port=443
      Penggunaan memori di bawah 75%                    | promql     | [VALUE] < 75%        | node_memory
      Port 22 ditutup dari internet                     | tcp        |                      | closed=[22]
      Pencadangan database setiap jam                   | backup     |                      | period=1h
      Pembatasan laju untuk endpoint login aktif        | rate-limit | [LIMITED] == true    | /api/login
      Tỉ lệ lỗi dưới 1%                                 | promql     | [VALUE] < 1%         | code=~
      Ti le loi duoi 1%                                 | promql     | [VALUE] < 1%         | code=~
      Thời gian phản hồi p95 dưới 2 giây                | promql     | [VALUE] < 2s         | histogram_quantile(0.95
      Thoi gian phan hoi p95 duoi 2 giay                | promql     | [VALUE] < 2s         | histogram_quantile(0.95
      Chứng chỉ SSL còn hạn trên 30 ngày                | tls        | [CERT_EXPIRY] > 30d  | port=443
      Sao lưu cơ sở dữ liệu, RPO tối đa 4 giờ           | backup     | [AGE] < 4h           | period=4h
      Phân quyền theo vai trò đã kiểm tra               | access     |                      | routes=
      Giới hạn tốc độ đăng nhập                         | rate-limit | [LIMITED] == true    | /api/login
      Kiểm tra sức khỏe endpoint /health trả về 200     | http       | [STATUS] == 200      | /health
      Tường lửa chỉ mở cổng 443                         | tcp        |                      | open=[443]
      """)
  void itemsBecomeProbesOfTheirKindWithTheirOwnNumbers(String text, String kind, String condition, String inSpec) {
    Suggestion s = suggest("# Go-live\n- [ ] " + text + "\n");
    assertThat(s.probes()).as(text).hasSize(1);
    Suggestion.Probe p = s.probes().get(0);
    assertThat(p.draft().kind()).as(text).isEqualTo(kind);
    if (condition != null) assertThat(p.draft().conditions()).as(text).contains(condition);
    assertThat(p.draft().spec().toString().replace(", ", ",").replace(" ", "")).as(text)
        .contains(inSpec.replace(" ", ""));
    assertThat(s.manual()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      Runbook written for the on-call team          | documentation
      Dokumentasi API diperbarui                    | documentation
      Tài liệu vận hành đã cập nhật                 | documentation
      Support team trained on the new billing flow  | training
      Pelatihan tim CS selesai                      | training
      Go/No-Go approved by the product owner        | sign-off
      Phê duyệt của chủ sản phẩm                    | sign-off
      Persetujuan stakeholder diperoleh             | sign-off
      Unit tests passing                            | ci
      Deploy previous version of the application    | deployment action
      Test that database rollback procedures work if needed | preparation
      Something nobody can observe                  | unrecognised
      """)
  void peoplesWorkIsManualWithTheReasonOfItsCategory(String text, String category) {
    Suggestion s = suggest("# Go-live\n- [ ] " + text + "\n");
    assertThat(s.probes()).as(text).isEmpty();
    Suggestion.Manual m = s.manual().values().iterator().next();
    assertThat(m.category()).as(text).isEqualTo(category);
    assertThat(m.reason()).isNotBlank();
    if (category.equals("unrecognised")) assertThat(m.reason()).startsWith("no probe recognised: ");
  }

  @Test
  void postDeployPhrasesBecomeWindowsAndRollbackTriggers(@TempDir Path dir) throws Exception {
    String text = """
        # Release
        ## Before
        - [ ] Health check returns 200
        - [ ] Error rate < 1%
        ## 1 hour after
        - [ ] All endpoints responding
        ## 30 menit setelah rilis
        - [ ] Pemantauan normal
        ## Rollback
        - [ ] Rollback if p95 latency > 2s
        - [ ] Hoàn tác nếu tỉ lệ lỗi > 5%
        - [ ] Rollback immediately if the CEO says so
        """;
    Suggestion s = suggest(text);
    assertThat(s.windows()).extracting(Suggestion.Window::name).containsExactly("first-30m", "first-1h");
    assertThat(s.windows().get(1).hold()).containsExactly("1-hour-after-all-endpoints-responding");
    assertThat(s.triggers()).extracting(Suggestion.Trigger::fireWhen)
        .containsExactlyInAnyOrder("[VALUE] > 2s", "[VALUE] > 5%");
    Suggestion.Trigger errors = s.triggers().stream().filter(t -> t.fireWhen().endsWith("5%")).findFirst()
        .orElseThrow();
    Suggestion.Probe errorProbe = s.probes().stream().filter(p -> p.id().equals(errors.probe())).findFirst()
        .orElseThrow();
    assertThat(errorProbe.ticks()).as("the trigger watches the probe the error-rate item made")
        .containsExactly("before-error-rate-1");
    assertThat(s.manual().values()).extracting(Suggestion.Manual::category)
        .containsExactly("rollback", "rollback", "rollback");

    PlanConfig plan = writeAndLoad(dir, text, s);
    assertThat(plan.triggers()).hasSize(2);
    assertThat(plan.windows()).hasSize(2);
  }

  @Test
  void aRollbackConditionsSectionIsNeverTickedAndItsNumbersBecomeTriggers() {
    Suggestion s = suggest("""
        # Release
        - [ ] Error rate < 1%
        ## Triggers for rollback
        - [ ] Major functionality broken
        - [ ] Uncontrolled error rate (> 5%)
        ## Kriteria rollback
        - [ ] Waktu respons p95 di atas 3 detik
        """);
    assertThat(s.probes()).flatExtracting(Suggestion.Probe::ticks).containsExactly("release-error-rate-1");
    assertThat(s.triggers()).extracting(Suggestion.Trigger::fireWhen).containsExactly("[VALUE] > 5%", "[VALUE] > 3s");
    assertThat(s.manual()).hasSize(3);
  }

  @Test
  void aCommandTheChecklistNamesIsWrittenCommentedOutForReview(@TempDir Path dir) throws Exception {
    String text = "# Release\n- [ ] Verify GDPR deletion works: `flask delete-user-data USER_ID`\n";
    Suggestion s = suggest(text);
    assertThat(s.probes()).isEmpty();
    assertThat(s.reviewFirst()).singleElement().satisfies(p -> {
      assertThat(p.draft().kind()).isEqualTo("command");
      assertThat(p.draft().spec()).containsEntry("run", java.util.List.of("flask", "delete-user-data", "USER_ID"));
    });
    assertThat(s.manual().values()).singleElement().satisfies(m -> {
      assertThat(m.category()).isEqualTo("review first");
      assertThat(m.reason()).contains("`flask delete-user-data USER_ID`");
    });
    PlanConfig plan = writeAndLoad(dir, text, s);
    assertThat(plan.probes()).isEmpty();
    assertThat(Files.readString(dir.resolve("golive.yaml")))
        .contains("  # - id: \"command\"\n  #   command:\n  #     run: [\"flask\", \"delete-user-data\", \"USER_ID\"]");
  }

  @Test
  void aMixedLanguageChecklistGivesAPlanTheRealLoaderAccepts(@TempDir Path dir) throws Exception {
    String text = """
        # Go-live / Kiểm tra trước khi triển khai
        ## Security
        - [ ] GO-001 SSL certificate valid for more than 30 days
        - [ ] GO-002 Security headers (HSTS, CSP) configured
        - [ ] GO-003 Header keamanan terpasang
        - [ ] GO-004 Chuyển hướng HTTPS bắt buộc
        ## Data
        | Item | Owner | Status |
        | --- | --- | --- |
        | GO-005 Backup | DBA | RPO < 1 jam |
        | GO-006 Migrasi database diterapkan | BE | |
        ## Vận hành
        - [ ] Lịch chạy cron hằng ngày gửi heartbeat
        - [ ] Giam sat loi 5xx duoi 0.5%
        - [ ] Runbook written
        - [ ] Do the thing
        """;
    Suggestion s = suggest(text);
    PlanConfig plan = writeAndLoad(dir, text, s);
    long ticked = plan.checklist().items().stream().filter(i -> !plan.probesTicking(i.id()).isEmpty()).count();
    assertThat(ticked + plan.manualReasons().size()).isEqualTo(plan.checklist().items().size());
    assertThat(kind(plan, "GO-001")).isEqualTo("tls");
    assertThat(kind(plan, "GO-002")).isEqualTo("headers");
    assertThat(kind(plan, "GO-003")).isEqualTo("headers");
    assertThat(kind(plan, "GO-004")).isEqualTo("headers");
    assertThat(kind(plan, "GO-005")).isEqualTo("backup");
    assertThat(kind(plan, "GO-006")).isEqualTo("sql");
    assertThat(plan.manualReasons()).hasSize(2);
  }

  private static String kind(PlanConfig plan, String id) {
    return plan.probesTicking(id).get(0).kind().name();
  }

  private static Suggestion suggest(String markdown) {
    Checklist c = ChecklistLoader.parse("checklist.md", markdown);
    assertThat(c.items()).extracting(ChecklistItem::text).isNotEmpty();
    return Suggester.suggest(c, "made-up");
  }

  private static PlanConfig writeAndLoad(Path dir, String markdown, Suggestion s) throws Exception {
    Files.writeString(dir.resolve("checklist.md"), markdown);
    Files.writeString(dir.resolve("golive.yaml"), PlanWriter.write(s, "checklist.md"));
    return PlanLoader.load(dir, Secrets.withoutSecrets(Map.of()));
  }
}
