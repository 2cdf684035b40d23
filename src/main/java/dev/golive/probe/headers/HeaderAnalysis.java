package dev.golive.probe.headers;

import dev.golive.config.Durations;
import dev.golive.probe.headers.HeadersSpec.Check;
import io.vertx.core.MultiMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads security headers into placeholder values. Pure and thread-safe. Cookie values never leave this class: only
 * cookie names and flags do.
 */
final class HeaderAnalysis {
  private static final Set<String> UNSAFE_REFERRER = Set.of("unsafe-url", "no-referrer-when-downgrade");
  private static final Set<String> REFERRER_POLICIES = Set.of("no-referrer", "no-referrer-when-downgrade", "origin",
      "origin-when-cross-origin", "same-origin", "strict-origin", "strict-origin-when-cross-origin", "unsafe-url");

  private HeaderAnalysis() {}

  /** The placeholder values for a response's headers, in a stable order; {@code MISSING} names what failed. */
  static Map<String, Object> analyze(int status, MultiMap headers, HeadersSpec spec) {
    Map<String, Object> v = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    v.put("STATUS", status);
    v.put("HEADER", headerMap(headers));

    String hsts = headers.get("Strict-Transport-Security");
    Duration maxAge = Duration.ZERO;
    boolean sub = false;
    boolean preload = false;
    if (hsts != null) {
      for (String part : hsts.split(";")) {
        String d = part.strip().toLowerCase(Locale.ROOT);
        if (d.startsWith("max-age")) {
          String n = d.substring(d.indexOf('=') + 1).strip().replace("\"", "");
          try {
            maxAge = Duration.ofSeconds(Long.parseLong(n));
          } catch (NumberFormatException e) {
            maxAge = Duration.ZERO;
          }
        } else if (d.equals("includesubdomains")) {
          sub = true;
        } else if (d.equals("preload")) {
          preload = true;
        }
      }
    }
    v.put("HSTS", hsts != null);
    v.put("HSTS_MAX_AGE", maxAge);
    v.put("HSTS_INCLUDES_SUBDOMAINS", sub);
    v.put("HSTS_PRELOAD", preload);
    if (spec.has(Check.HSTS)) {
      if (hsts == null) missing.add("Strict-Transport-Security");
      else if (maxAge.compareTo(spec.hstsMinAge()) < 0) {
        missing.add("Strict-Transport-Security max-age " + Durations.format(maxAge) + " < "
            + Durations.format(spec.hstsMinAge()));
      }
      if (hsts != null && spec.hstsIncludeSubdomains() && !sub) missing.add("Strict-Transport-Security includeSubDomains");
      if (hsts != null && spec.hstsPreload() && !preload) missing.add("Strict-Transport-Security preload");
    }

    String csp = String.join(";", headers.getAll("Content-Security-Policy"));
    Map<String, List<String>> directives = csp.isBlank() ? Map.of() : directives(csp);
    v.put("CSP", !csp.isBlank());
    if (!csp.isBlank()) v.put("CSP_UNSAFE_INLINE", unsafeInline(directives));
    if (spec.has(Check.CSP)) {
      if (csp.isBlank()) missing.add("Content-Security-Policy");
      else if (spec.cspForbidUnsafeInline() && unsafeInline(directives)) {
        missing.add("Content-Security-Policy without 'unsafe-inline' scripts");
      }
    }

    boolean nosniff = "nosniff".equalsIgnoreCase(strip(headers.get("X-Content-Type-Options")));
    v.put("NOSNIFF", nosniff);
    if (spec.has(Check.NOSNIFF) && !nosniff) missing.add("X-Content-Type-Options: nosniff");

    String xfo = strip(headers.get("X-Frame-Options"));
    if (xfo != null) v.put("X_FRAME_OPTIONS", xfo);
    List<String> ancestors = directives.get("frame-ancestors");
    boolean frame = "DENY".equalsIgnoreCase(xfo) || "SAMEORIGIN".equalsIgnoreCase(xfo)
        || (ancestors != null && !ancestors.contains("*"));
    v.put("FRAME_PROTECTION", frame);
    if (spec.has(Check.FRAME) && !frame) missing.add("X-Frame-Options (or CSP frame-ancestors)");

    String referrer = strip(headers.get("Referrer-Policy"));
    if (referrer != null) v.put("REFERRER_POLICY", referrer);
    String effective = effectiveReferrerPolicy(referrer);
    boolean referrerSafe = effective != null && !UNSAFE_REFERRER.contains(effective);
    v.put("REFERRER_POLICY_SAFE", referrerSafe);
    if (spec.has(Check.REFERRER) && !referrerSafe) {
      missing.add(referrer == null ? "Referrer-Policy" : "Referrer-Policy (" + referrer + " leaks URLs)");
    }

    cookies(headers.getAll("Set-Cookie"), v, spec.has(Check.COOKIES) ? missing : new ArrayList<>());
    v.put("MISSING", List.copyOf(missing));
    return v;
  }

  private static void cookies(List<String> setCookies, Map<String, Object> v, List<String> missing) {
    boolean secure = true;
    boolean httpOnly = true;
    boolean sameSite = true;
    List<String> weak = new ArrayList<>();
    for (String c : setCookies) {
      String[] parts = c.split(";");
      String name = parts[0].contains("=") ? parts[0].substring(0, parts[0].indexOf('=')).strip() : parts[0].strip();
      boolean s = false;
      boolean h = false;
      boolean ss = false;
      for (int i = 1; i < parts.length; i++) {
        String a = parts[i].strip().toLowerCase(Locale.ROOT);
        if (a.equals("secure")) s = true;
        else if (a.equals("httponly")) h = true;
        else if (a.startsWith("samesite")) ss = true;
      }
      List<String> lacks = new ArrayList<>();
      if (!s) lacks.add("Secure");
      if (!h) lacks.add("HttpOnly");
      if (!ss) lacks.add("SameSite");
      if (!lacks.isEmpty()) weak.add(name + " (no " + String.join(", ", lacks) + ")");
      secure &= s;
      httpOnly &= h;
      sameSite &= ss;
    }
    v.put("COOKIES", setCookies.size());
    v.put("COOKIES_SECURE", secure);
    v.put("COOKIES_HTTPONLY", httpOnly);
    v.put("COOKIES_SAMESITE", sameSite);
    v.put("WEAK_COOKIES", List.copyOf(weak));
    for (String w : weak) missing.add("Set-Cookie " + w);
  }

  /** Response headers by lower-case name; Set-Cookie shows cookie names only, never values. */
  static Map<String, String> headerMap(MultiMap headers) {
    Map<String, String> out = new TreeMap<>();
    for (String name : headers.names()) {
      String key = name.toLowerCase(Locale.ROOT);
      if (key.equals("set-cookie")) {
        out.put(key, String.join(", ", headers.getAll(name).stream()
            .map(c -> c.split(";")[0].split("=")[0].strip() + "=****").toList()));
      } else {
        out.put(key, String.join(", ", headers.getAll(name)));
      }
    }
    return out;
  }

  /** Directive name to its source list; the first occurrence of a directive wins, as in browsers. */
  static Map<String, List<String>> directives(String csp) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String d : csp.split(";")) {
      String[] words = d.strip().split("\\s+");
      if (words.length == 0 || words[0].isEmpty()) continue;
      out.putIfAbsent(words[0].toLowerCase(Locale.ROOT),
          List.of(words).subList(1, words.length).stream().map(w -> w.toLowerCase(Locale.ROOT)).toList());
    }
    return out;
  }

  /**
   * True when inline scripts run: the script policy ({@code script-src}, else {@code default-src}) allows
   * {@code 'unsafe-inline'} and has no nonce or hash (with which browsers ignore it).
   */
  static boolean unsafeInline(Map<String, List<String>> directives) {
    List<String> sources = directives.getOrDefault("script-src", directives.get("default-src"));
    if (sources == null) return true;
    boolean inline = sources.contains("'unsafe-inline'");
    boolean nonceOrHash = sources.stream().anyMatch(s -> s.startsWith("'nonce-") || s.startsWith("'sha"));
    return inline && !nonceOrHash;
  }

  /** Browsers use the last policy token they understand. */
  private static String effectiveReferrerPolicy(String header) {
    if (header == null) return null;
    String found = null;
    for (String token : header.split(",")) {
      String t = token.strip().toLowerCase(Locale.ROOT);
      if (REFERRER_POLICIES.contains(t)) found = t;
    }
    return found;
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }
}
