package dev.golive.suggest;

import java.util.List;
import java.util.Optional;

/**
 * The rules, in priority order: the first whose words appear in an item (and whose veto words do not) decides. Words
 * are regular expressions over folded text (lower case, no diacritics), matched at word boundaries; each rule lists
 * English, Indonesian and Vietnamese. Categories a person signs off come first (a "documented" backup plan is
 * documentation), then narrow probe categories before broad ones (an "alert configured with threshold 80%" is an
 * alert rule, not a CPU reading; a "performance dashboard" is a dashboard).
 */
final class RuleTable {
  static final List<Rule> RULES = List.of(
      Rule.of("documentation")
          .en("document\\w*", "docs", "guides?", "runbooks?", "playbooks?", "sops?", "diagrams?", "change.?logs?",
              "release notes", "readme", "wiki", "(rollback|dr|disaster recovery|communication|maintenance) plans?")
          .id("dokumen\\w*", "terdokumentasi", "didokumentasikan", "panduan", "rencana rollback")
          .vi("tai lieu", "huong dan", "ke hoach")
          .manual("documentation: written and reviewed by people; no running system shows it"),
      Rule.of("training").en("train\\w*", "onboard\\w*").id("pelatihan").vi("dao tao", "huan luyen")
          .manual("training: people are trained; a person confirms it"),
      Rule.of("review")
          .en("code reviews?", "(design|security|compliance|performance|peer|architecture|legal|lead|team) reviews?",
              "reviewed by", "review (all|of|the)")
          .id("peninjauan", "ditinjau", "tinjauan").vi("xem xet", "ra soat")
          .manual("review: done and judged by people"),
      Rule.of("ci")
          .en("unit tests?", "integration tests?", "regression\\w*", "uat", "user acceptance", "load test\\w*",
              "stress test\\w*", "performance tests?", "browsers?", "builds?", "docker images?",
              "images? (built|scanned)", "vulnerab\\w*", "security (scan|test)\\w*", "scan\\w*", "npm",
              "lint(er|ers|ing|s)?", "ci/cd", "ci", "pipelines?", "test (scenarios?|cases?|plans?|devices?)",
              "(version|release|git) tags?", "artifacts?", "registry", "source maps?", "warnings?",
              "(test|physical|real|mobile) devices?", "on devices?")
          .id("pengujian", "uji beban", "perangkat uji").vi("kiem thu", "thiet bi")
          .manual("CI/QA: evidence from the pipeline or test reports, not a property of the running system"),
      Rule.of("preparation")
          .en("scripts? (prepared|written|tested|ready)", "tested on staging", "rehearsed", "dry.?run\\w*",
              "(rollback|failover) (procedures?|drills?)")
          .id("disiapkan", "skrip (siap|diuji)").vi("chuan bi", "kich ban (san sang|da kiem thu)")
          .manual("preparation: prepared and rehearsed by people before the release; the applied result is probed"),
      Rule.of("deployment action")
          .en("previous versions?", "execute\\w* (the )?(\\w+ )?(deployment|rollback|migrations?)", "deploy to",
              "schedule\\w* (the )?(production )?deployment",
              "perform\\w* (the )?(rollback|deployment|migration)")
          .id("jalankan (deploy|rollback)", "versi sebelumnya").vi("thuc hien (trien khai|hoan tac)", "phien ban truoc")
          .manual("deployment action: done by people during the release; probes watch its result"),
      Rule.of("command").when(s -> Commands.looksLikeCommand(s.codeSpan())).probe(WebTemplates::command),
      Rule.of("metrics endpoint").en("metrics endpoints?", "/metrics", "exporters?", "request counters?")
          .id("endpoint metrik").vi("diem cuoi metrics").probe(DataTemplates::metricsEndpoint),
      Rule.of("alert rule").en("alert\\w*").id("peringatan").vi("canh bao").unless("monitor\\w*", "pemantauan",
          "giam sat", "theo doi").probe(DataTemplates::alerting),
      Rule.of("dashboard")
          .en("(grafana|kibana|monitoring|metrics) dashboards?", "dashboards? (created|visible|configured|populat\\w*)",
              "grafana")
          .id("dasbor (pemantauan|grafana)").vi("bang dieu khien (giam sat|grafana)").probe(DataTemplates::dashboard),
      Rule.of("https redirect")
          .en("https (enforced|only|redirect\\w*|forced|required)", "redirect\\w* (to )?https", "force\\w* https",
              "http to https")
          .id("wajib https", "paksa https", "pengalihan https").vi("chuyen huong https", "bat buoc https")
          .probe(WebTemplates::httpsRedirect),
      Rule.of("tls").en("ssl", "tls", "certificates?", "certs?", "encryption in transit", "https(?!:)")
          .id("sertifikat", "enkripsi (dalam )?transit").vi("chung chi", "ma hoa (khi )?truyen")
          .unless("webhooks?", "handshake").probe(WebTemplates::tls),
      Rule.of("cors").en("cors", "cross.origin").probe(WebTemplates::cors),
      Rule.of("security headers")
          .en("hsts", "strict.transport\\w*", "security headers?", "csp", "content.security.policy", "xss",
              "x.frame\\w*", "clickjack\\w*", "nosniff", "referrer.policy", "cookies?", "sessions?")
          .id("header keamanan", "sesi").vi("header bao mat", "phien (dang nhap|lam viec)")
          .probe(WebTemplates::headers),
      Rule.of("error rate")
          .en("errors?", "error rates?", "5xx", "failures?", "failed", "failure rates?")
          .id("kesalahan", "galat", "gagal", "tingkat error").vi("loi", "ti le loi", "that bai")
          .unless("logging", "track\\w*", "redact\\w*", "handling", "messages?", "pages?", "reports?", "pencatatan")
          .probe(DataTemplates::errorRate),
      Rule.of("response time")
          .en("respond\\w* (in|within|under)", "answers? (in|within|under)")
          .id("merespons dalam", "respons (dalam|di bawah)").vi("phan hoi (trong|duoi)", "tra loi trong")
          .probe(WebTemplates::responseTime),
      Rule.of("latency")
          .en("latenc\\w*", "response times?", "p\\d{2}", "percentile", "slow quer\\w*", "query performance",
              "performance", "throughput", "nfr", "baseline")
          .id("persentil", "waktu respons", "latensi", "performa", "kinerja")
          .vi("thoi gian phan hoi", "do tre", "hieu nang", "hieu suat", "phan vi")
          .probe(DataTemplates::latency),
      Rule.of("monitoring").en("monitor\\w*", "observab\\w*").id("pemantauan", "memantau", "dipantau")
          .vi("giam sat", "theo doi").probe(DataTemplates::monitoring),
      Rule.of("mfa").en("mfa", "2fa", "two.factor", "otp", "totp", "multi.factor").id("dua faktor", "autentikasi dua")
          .vi("xac thuc hai (buoc|yeu to)").probe(WebTemplates::mfa),
      Rule.of("rate limit").en("rate.?limit\\w*", "throttl\\w*", "too many requests", "429", "brute.?force")
          .id("pembatasan (laju|rate|permintaan)", "batas (laju|rate|permintaan)")
          .vi("gioi han (toc do|tan suat|yeu cau|so lan)").probe(WebTemplates::rateLimit),
      Rule.of("smoke")
          .en("smoke", "happy path", "end.to.end", "e2e", "journeys?", "workflows?", "flows?", "log.?in", "log.?out",
              "sign.?in", "refresh tokens?", "checkout", "transactions?", "refund\\w*", "functionality", "crud",
              "(create|list|search)/\\w+", "live (from|dari|tu) (the )?(backend|api|server)")
          .id("alur", "transaksi", "fungsionalitas").vi("dang nhap", "dang xuat", "luong", "giao dich", "chuc nang")
          .unless("verify.token", "signatures?", "tanda tangan", "chu ky", "diagrams?", "rate.?limit\\w*", "logs?",
              "logging")
          .probe(WebTemplates::smoke),
      Rule.of("webhook")
          .en("webhooks?", "signatures?", "handshake", "verify.token", "callback\\w*", "hub.challenge")
          .id("tanda tangan").vi("chu ky").probe(WebTemplates::webhook),
      Rule.of("secrets").en("secrets?", "vault", "api keys?", "credentials?", "(keys?|passwords?|tokens?) rotat\\w*",
              "rotat\\w* (of )?(keys?|passwords?|tokens?)")
          .id("rahasia", "kredensial").vi("bi mat", "khoa api", "thong tin xac thuc")
          .manual("secrets: rotation and storage live in the vault and its audit log, not in what golive probes"),
      Rule.of("access control")
          .en("permissions?", "authori[sz]\\w*", "authenticat\\w*", "auth", "rbac", "roles?", "access control",
              "least.(privilege|data)", "privileges?", "admins?", "tenant isolation",
              "cross.(tenant|staff|branch|user|account)", "leak\\w*", "grants?")
          .id("hak akses", "izin", "otorisasi", "autentikasi", "otentikasi", "peran")
          .vi("phan quyen", "quyen truy cap", "xac thuc", "vai tro").probe(WebTemplates::access),
      Rule.of("dns").en("dns", "domains?", "a records?", "cname", "nameservers?").id("domain").vi("ten mien")
          .probe(WebTemplates::dns),
      Rule.of("ports").en("ports?", "firewall\\w*", "ssh", "security groups?").id("porta?").vi("tuong lua",
          "cong (mo|dong|\\d+)").probe(WebTemplates::tcp),
      Rule.of("cron").en("cron\\w*", "scheduled (jobs?|tasks?)", "heartbeats?", "background jobs?", "jobs? runs?")
          .id("penjadwal\\w*", "terjadwal", "tugas terjadwal").vi("tac vu dinh ky", "lich chay", "cong viec dinh ky")
          .probe(WebTemplates::heartbeat),
      Rule.of("rto").en("rto", "recovery time", "restore time").id("waktu pemulihan").vi("thoi gian khoi phuc")
          .probe(DataTemplates::rto),
      Rule.of("backup").en("backups?", "back.?up", "rpo", "recovery point", "snapshots?", "restore drill", "dumps?")
          .id("cadangan", "pencadangan").vi("sao luu").probe(DataTemplates::backup),
      Rule.of("capacity")
          .en("cpu", "memory", "ram", "disk", "database size", "db size", "storage (usage|space)", "capacity")
          .id("memori", "kapasitas", "penyimpanan").vi("bo nho", "o dia", "dung luong")
          .probe(DataTemplates::capacity),
      Rule.of("replication").en("replica\\w*").id("replikasi").vi("sao chep", "ban sao")
          .probe(DataTemplates::replication),
      Rule.of("availability").en("uptime", "downtime", "availability", "stabil\\w*", "stable")
          .id("ketersediaan").vi("kha dung", "on dinh").unless("team", "staff", "people", "tim", "nhan su")
          .probe(DataTemplates::availability),
      Rule.of("traffic").en("users? accessing", "active users?", "traffic").id("pengguna aktif", "lalu lintas")
          .vi("luu luong", "nguoi dung (truy cap|hoat dong)").probe(DataTemplates::traffic),
      Rule.of("migrations").en("migrat\\w*", "schema versions?", "flyway", "liquibase", "alembic")
          .id("migrasi").vi("di chuyen (du lieu|schema)").probe(DataTemplates::migrations),
      Rule.of("rls").en("rls", "row.level security").id("keamanan tingkat baris").vi("bao mat (cap|muc) dong")
          .probe(DataTemplates::rls),
      Rule.of("audit log").en("audit\\w*").id("jejak audit").vi("kiem toan").probe(DataTemplates::audit),
      Rule.of("logging").en("logs?", "logging", "elk", "elasticsearch", "loki", "kibana")
          .id("pencatatan", "catatan log").vi("nhat ky").probe(DataTemplates::logging),
      Rule.of("database objects")
          .en("(database|db|sql|rpc|stored) (functions?|procedures?)", "rpc", "indexe?s", "indices", "tables?",
              "polic(y|ies)", "retention")
          .id("tabel", "indeks", "kebijakan", "retensi").vi("bang du lieu", "chi muc", "chinh sach")
          .unless("privacy", "complian\\w*", "gdpr", "privasi", "quyen rieng tu")
          .probe(DataTemplates::databaseObjects),
      Rule.of("frontend assets")
          .en("bundles?", "compress\\w*", "gzip", "brotli", "cache.?(headers?|control)", "static assets?", "minif\\w*")
          .id("kompresi").vi("nen (du lieu|gzip)").probe(WebTemplates::frontend),
      Rule.of("dependency")
          .en("database (server|connection)s?", "db connections?", "cache", "redis", "message queues?", "queues?",
              "brokers?", "kafka", "rabbitmq", "email (service|provider)s?", "smtp", "sms", "payment gateways?",
              "external (api|system|service)s?( connections?)?", "third.party", "integrations?", "error tracking",
              "sentry", "connections? (verified|tested)")
          .id("koneksi", "integrasi", "layanan email").vi("ket noi", "tich hop").probe(WebTemplates::dependency),
      Rule.of("integrity").en("integrity", "consisten\\w*").id("integritas", "konsisten\\w*")
          .vi("toan ven", "nhat quan").probe(WebTemplates::integrity),
      Rule.of("version").en("versions?").id("versi").vi("phien ban").probe(WebTemplates::version),
      Rule.of("environment").en("environments?", "staging", "debug").id("lingkungan").vi("moi truong")
          .probe(WebTemplates::environment),
      Rule.of("crafted request").en("input validation", "sql.?injection", "csrf", "xsrf")
          .id("validasi input", "injeksi sql").vi("kiem tra dau vao").probe(WebTemplates::crafted),
      Rule.of("platform")
          .en("docker", "kubernetes", "k8s", "containers?", "pods?", "namespaces?", "configmaps?", "pvcs?", "ingress",
              "node pools?", "service mesh", "volumes? mounted", "images? pulled", "resource limits?")
          .id("kontainer").vi("vung chua")
          .manual("platform: the cluster or container host is checked by its own tooling (kubectl rollout status,"
              + " docker inspect); golive probes the service it runs"),
      Rule.of("health")
          .en("health\\w*", "endpoints? (respond\\w*|up|available|reachable)", "responding", "deployed", "restarted",
              "load balancers?", "up and running", "running", "operational", "reachable")
          .id("sehat", "kesehatan", "berjalan", "beroperasi").vi("suc khoe", "hoat dong", "san sang")
          .probe(WebTemplates::health),
      Rule.of("communication")
          .en("announc\\w*", "communicat\\w*", "status page", "customers?", "newsletter")
          .id("pengumuman", "komunikasi", "pelanggan").vi("thong bao", "truyen thong", "khach hang")
          .manual("communication: prepared and sent by people"),
      Rule.of("sign-off")
          .en("sign.?off", "approv\\w*", "decisions?", "stakeholders?", "go.?no.?go", "acceptance", "confirms?")
          .id("persetujuan", "disetujui", "keputusan").vi("phe duyet", "duyet", "quyet dinh")
          .manual("sign-off: a decision or approval by people, ticked through the API with a name and a note"),
      Rule.of("staffing").en("on.?call", "rota", "team", "contacts?", "escalation").id("piket", "tim")
          .vi("lich truc", "truc ca", "nhom")
          .manual("staffing: people on call and their contacts; a person confirms it"),
      Rule.of("compliance").en("gdpr", "compliance", "privacy", "legal", "licen[cs]\\w*").id("kepatuhan", "privasi")
          .vi("tuan thu", "quyen rieng tu", "phap ly").manual("compliance: a legal or compliance review by people"));

  private RuleTable() {}

  /** The first rule recognising the item, if any. */
  static Optional<Rule> first(Subject s) {
    return RULES.stream().filter(r -> r.matches(s)).findFirst();
  }
}
