#include "infrastructure/config/config_loader.hpp"

#include <openssl/evp.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "domain/model/duration_text.hpp"
#include "domain/model/field_checks.hpp"
#include "domain/model/number_range.hpp"
#include "domain/model/number_text.hpp"
#include "domain/rules/dependency_cycle.hpp"
#include "infrastructure/config/field_recorder.hpp"
#include "infrastructure/config/maintenance_fields.hpp"

namespace nyxmon::infra::config {

using namespace nyxmon::domain;

namespace {

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 15]);
  }
  return hex;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

// " (did you mean 'x'?)" for the last of `known` within two edits of `typed`,
// or nothing.
template <class Names>
std::string did_you_mean(std::string_view typed, const Names& known) {
  std::string hint;
  for (const auto& name : known) {
    if (edit_distance(typed, name) <= 2) hint = " (did you mean '" + std::string(name) + "'?)";
  }
  return hint;
}

// "3:5": where a mark is, for people.
std::string line_and_column(const YAML::Mark& mark) {
  return std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

// Collects problems with their place in the file, and remembers where each
// field path was, so the domain's validation can be located too. Each
// problem is reported once: the same line twice (a node read through two
// aliases) is kept once, and the domain's verdict on a field the reader
// already refused (port 0 after 'eighty') is not added.
class Problems {
 public:
  explicit Problems(std::string source) : source_(std::move(source)) {}

  void add(const YAML::Mark& mark, const std::string& path, const std::string& message) {
    std::string where = source_;
    if (mark.line >= 0) where += ":" + line_and_column(mark);
    std::string text = where + ": " + (path.empty() ? "" : path + ": ") + message;
    refused_.insert(path);
    if (!texts_.insert(text).second) return;
    lines_.push_back({mark.line < 0 ? INT_MAX : mark.line, mark.column, std::move(text)});
  }
  // A problem the domain's validation found, at the place of its path;
  // nothing when that field was already refused as written.
  void add(const ValidationProblem& problem) {
    if (refused_.count(problem.path)) return;
    add(mark_of(problem.path), problem.path, problem.message);
    // Two verdicts of the domain on one field are two problems.
    refused_.erase(problem.path);
  }
  void remember(const std::string& path, const YAML::Mark& mark) { marks_.emplace(path, mark); }
  // The mark of `path` or of its nearest recorded parent.
  YAML::Mark mark_of(std::string path) const {
    while (!path.empty()) {
      if (auto it = marks_.find(path); it != marks_.end()) return it->second;
      const auto cut = path.find_last_of(".[");
      if (cut == std::string::npos) break;
      path.resize(cut);
    }
    return YAML::Mark::null_mark();
  }
  bool empty() const { return lines_.empty(); }
  // In file order; problems without a place last.
  std::string joined() const {
    auto sorted = lines_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Line& a, const Line& b) {
      return std::pair{a.line, a.column} < std::pair{b.line, b.column};
    });
    std::string all;
    for (const auto& line : sorted)
      all += (all.empty() ? "" : "\n") + line.text;
    return all;
  }

 private:
  struct Line {
    int line;
    int column;
    std::string text;
  };
  std::string source_;
  std::vector<Line> lines_;
  std::set<std::string> texts_;
  std::set<std::string> refused_;  // paths with a problem found while reading
  std::map<std::string, YAML::Mark> marks_;
};

// YAML says a mapping's keys are unique, but yaml-cpp keeps every entry and
// answers a lookup with the first: a second `services:` or `port:` would be
// silently ignored. Each repeat is a problem at its own place.
void report_duplicate_keys(const YAML::Node& mapping, const std::string& path, Problems& problems) {
  std::map<std::string, YAML::Mark> first;
  for (const auto& entry : mapping) {
    if (!entry.first.IsScalar()) continue;
    const std::string key = entry.first.as<std::string>();
    const auto [it, fresh] = first.emplace(key, entry.first.Mark());
    if (!fresh) {
      problems.add(
          entry.first.Mark(), path,
          "'" + key + "' is given twice (first at " + line_and_column(it->second) + "); keep one");
    }
  }
}

// A mapping node being read, with its path; reports unknown keys at the end.
class Section {
 public:
  Section(const YAML::Node& node, std::string path, Problems& problems)
      : node_(node), path_(std::move(path)), problems_(problems) {
    if (FieldTable* table = recording_fields()) table->section(path_);
    problems_.remember(path_, node_.Mark());
    if (!node_.IsMap()) {
      problems_.add(node_.Mark(), path_, "expected a mapping of fields");
      valid_ = false;
      return;
    }
    report_duplicate_keys(node_, path_, problems_);
  }

  ~Section() {
    if (!valid_) return;
    for (const auto& entry : node_) {
      const std::string key = entry.first.as<std::string>("");
      if (used_.count(key)) continue;
      problems_.add(entry.first.Mark(), path_,
                    "unknown field '" + key + "'" + did_you_mean(key, known_));
    }
  }

  bool valid() const { return valid_; }
  const std::string& path() const { return path_; }
  Problems& problems() { return problems_; }
  std::string path_of(const std::string& key) const { return path_ + "." + key; }

  // The child node, or an undefined node when absent; marks the key known.
  YAML::Node get(const std::string& key) {
    know(key);
    if (!valid_) return YAML::Node();
    // Looked up through a const node: yaml-cpp's non-const operator[] adds
    // an empty node for every absent key, which at 100,000 checks costs
    // gigabytes while the file is read.
    YAML::Node child = std::as_const(node_)[key];
    if (child) {
      used_.insert(key);
      problems_.remember(path_of(key), child.Mark());
    }
    return child;
  }
  void know(const std::string& key, FieldRead read = {}) {
    known_.insert(key);
    if (FieldTable* table = recording_fields()) table->field(path_, key, read);
  }

  bool has(const std::string& key) {
    know(key);
    return valid_ && std::as_const(node_)[key];
  }

  void read(const std::string& key, std::string& out) {
    know(key, {FieldType::kString});
    if (auto child = get(key)) {
      if (!child.IsScalar()) return problem(child, key, "expected text");
      out = child.as<std::string>();
    }
  }
  void read(const std::string& key, std::optional<std::string>& out) {
    know(key, {FieldType::kString});
    if (auto child = get(key)) {
      if (!child.IsScalar()) return problem(child, key, "expected text");
      out = child.as<std::string>();
    }
  }
  void read(const std::string& key, bool& out) {
    know(key, {FieldType::kBoolean});
    if (auto child = get(key)) {
      bool value;
      if (!YAML::convert<bool>::decode(child, value)) {
        return problem(child, key, "'" + scalar(child) + "' is not true or false");
      }
      out = value;
    }
  }
  // A whole number within `range`, spelled in decimal. Text that is not one,
  // or a number outside the range however many digits it has, is one
  // problem naming the range; nothing is narrowed or wrapped.
  template <class Integer>
  requires std::is_integral_v<Integer>
  void read(const std::string& key, Integer& out, const NumberRange& range) {
    know(key,
         {FieldType::kInteger, static_cast<double>(range.low), static_cast<double>(range.high)});
    if (auto child = get(key)) {
      const std::string text = scalar(child);
      const auto value = parse_number<std::int64_t>(text);
      if (!value && !is_whole_number(text)) {
        return problem(child, key, "'" + text + "' is not a whole number; use " + range.describe());
      }
      if (!value || !range.contains(*value) || !std::in_range<Integer>(*value)) {
        return problem(child, key, text + " is not " + range.describe());
      }
      out = static_cast<Integer>(*value);
    }
  }
  void read(const std::string& key, double& out, const NumberRange& range) {
    know(key,
         {FieldType::kNumber, static_cast<double>(range.low), static_cast<double>(range.high)});
    if (auto child = get(key)) {
      const std::string text = scalar(child);
      const auto value = parse_number<double>(text);
      if (!value || !std::isfinite(*value)) {
        return problem(child, key, "'" + text + "' is not a number; use " + range.describe());
      }
      if (!range.contains(*value)) return problem(child, key, text + " is not " + range.describe());
      out = *value;
    }
  }
  void read_duration(const std::string& key, Duration& out) {
    know(key, {FieldType::kDuration});
    if (auto child = get(key)) {
      if (auto parsed = duration_of(child, key)) out = *parsed;
    }
  }
  void read_duration(const std::string& key, std::optional<Duration>& out) {
    know(key, {FieldType::kDuration});
    if (auto child = get(key)) {
      if (auto parsed = duration_of(child, key)) out = *parsed;
    }
  }
  void read_map(const std::string& key, std::vector<std::pair<std::string, std::string>>& out) {
    know(key, {FieldType::kMap});
    if (auto child = get(key)) {
      if (!child.IsMap()) return problem(child, key, "expected a mapping of names to values");
      report_duplicate_keys(child, path_of(key), problems_);
      for (const auto& entry : child) {
        if (!entry.second.IsScalar()) {
          problems_.add(entry.second.Mark(), path_of(key), "expected text");
          continue;
        }
        out.emplace_back(entry.first.as<std::string>(""), entry.second.as<std::string>());
      }
    }
  }
  void read_list(const std::string& key, std::vector<std::string>& out) {
    know(key, {FieldType::kList});
    if (auto child = get(key)) {
      if (child.IsScalar()) {
        out.push_back(child.as<std::string>());
        return;
      }
      if (!child.IsSequence()) return problem(child, key, "expected a list");
      std::size_t index = 0;
      for (const auto& item : child) {
        const std::string item_path = path_of(key) + "[" + std::to_string(index++) + "]";
        problems_.remember(item_path, item.Mark());
        if (!item.IsScalar()) problems_.add(item.Mark(), item_path, "expected text");
        out.push_back(item.as<std::string>(""));
      }
    }
  }

  void problem(const YAML::Node& at, const std::string& key, const std::string& message) {
    problems_.add(at.Mark(), path_of(key), message);
  }

 private:
  static std::string scalar(const YAML::Node& node) {
    return node.IsScalar() ? node.as<std::string>() : "(not a single value)";
  }
  // "-12", "99999999999999999999": digits, perhaps a minus, whatever their size.
  static bool is_whole_number(std::string_view text) {
    if (text.starts_with('-')) text.remove_prefix(1);
    return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
  }
  std::optional<Duration> duration_of(const YAML::Node& child, const std::string& key) {
    const std::string text = scalar(child);
    auto parsed = parse_duration(text);
    if (!parsed) problem(child, key, "'" + text + "' is not a duration (use 30s, 5m, 1h)");
    return parsed;
  }

  YAML::Node node_;
  std::string path_;
  Problems& problems_;
  std::set<std::string> known_;
  std::set<std::string> used_;
  bool valid_ = true;
};

struct Defaults {
  Duration interval = std::chrono::seconds(60);
  Duration timeout = std::chrono::seconds(10);
  Duration retry_interval = std::chrono::seconds(15);
  int failure_threshold = 3;
  int recovery_threshold = 2;
  std::optional<Duration> reminder_interval;
  std::vector<std::string> notify;
};

void read_status_list(Section& expect, HttpExpectations& out) {
  YAML::Node node = expect.get("status");
  if (!node) return;
  std::vector<YAML::Node> items;
  if (node.IsSequence()) {
    for (const auto& item : node)
      items.push_back(item);
  } else {
    items.push_back(node);
  }
  out.status.clear();
  for (const auto& item : items) {
    const std::string text = item.as<std::string>("");
    const auto dash = text.find('-');
    const std::string_view whole(text);
    const auto low = domain::parse_number<int>(whole.substr(0, dash));
    const auto high =
        dash == std::string::npos ? low : domain::parse_number<int>(whole.substr(dash + 1));
    if (!low || !high) {
      expect.problem(item, "status", "'" + text + "' is not a status code or range like 200-299");
      continue;
    }
    out.status.push_back({*low, *high});
  }
}

HttpSpec read_http(Section& section) {
  HttpSpec http;
  section.read("url", http.url);
  section.read("method", http.method);
  section.read_map("headers", http.headers);
  section.read("body", http.body);
  section.read("follow_redirects", http.follow_redirects);
  section.read("max_redirects", http.max_redirects, kMaxRedirectsRange);
  section.read("tls_verify", http.tls_verify);
  section.read("sni", http.sni);
  section.read("ca_file", http.ca_file);
  section.read("max_body_bytes", http.max_body_bytes, kMaxBodyBytesRange);
  if (auto node = section.get("expect")) {
    Section expect(node, section.path_of("expect"), section.problems());
    read_status_list(expect, http.expect);
    if (auto headers = expect.get("headers")) {
      if (headers.IsMap()) {
        report_duplicate_keys(headers, expect.path_of("headers"), expect.problems());
        for (const auto& entry : headers) {
          if (!entry.second.IsScalar()) {
            expect.problem(entry.second, "headers", "expected text");
            continue;
          }
          http.expect.headers.push_back(
              {entry.first.as<std::string>(""), entry.second.as<std::string>()});
        }
      } else {
        expect.problem(headers, "headers", "expected a mapping of header names to expected text");
      }
    }
    expect.read("body_contains", http.expect.body_contains);
    expect.read("body_regex", http.expect.body_regex);
    if (!http.expect.body_regex.empty()) {
      RE2 regex(http.expect.body_regex, RE2::Quiet);
      if (!regex.ok()) {
        expect.problem(expect.get("body_regex"), "body_regex",
                       "not a valid regular expression: " + regex.error());
      }
    }
    expect.read("json_path", http.expect.json_path);
    expect.read("json_equals", http.expect.json_equals);
    expect.read_duration("latency_warn", http.expect.latency_warn);
    expect.read_duration("latency_fail", http.expect.latency_fail);
    expect.read("location", http.expect.location);
    expect.read("certificate_warn_days", http.expect.certificate_warn_days, kCertificateDaysRange);
    expect.read("certificate_fail_days", http.expect.certificate_fail_days, kCertificateDaysRange);
  }
  return http;
}

TcpSpec read_tcp(Section& section) {
  TcpSpec tcp;
  section.read("host", tcp.host);
  section.read("port", tcp.port, kPortRange);
  section.read("send", tcp.send);
  section.read("expect", tcp.expect);
  std::string mode;
  section.read("tls", mode);
  if (!mode.empty()) {
    if (auto parsed = parse_tcp_tls_mode(mode)) {
      tcp.tls = *parsed;
    } else {
      section.problem(
          section.get("tls"), "tls",
          "'" + mode + "' is not none, implicit, starttls-smtp, starttls-imap or starttls-pop3");
    }
  }
  section.read("tls_verify", tcp.tls_verify);
  section.read("sni", tcp.sni);
  section.read("ca_file", tcp.ca_file);
  section.read("certificate_warn_days", tcp.certificate_warn_days, kCertificateDaysRange);
  section.read("certificate_fail_days", tcp.certificate_fail_days, kCertificateDaysRange);
  return tcp;
}

TlsSpec read_tls(Section& section) {
  TlsSpec tls;
  section.read("host", tls.host);
  section.read("port", tls.port, kPortRange);
  section.read("sni", tls.sni);
  section.read("tls_verify", tls.tls_verify);
  section.read("ca_file", tls.ca_file);
  section.read("certificate_warn_days", tls.certificate_warn_days, kCertificateDaysRange);
  section.read("certificate_fail_days", tls.certificate_fail_days, kCertificateDaysRange);
  return tls;
}

DnsSpec read_dns(Section& section) {
  DnsSpec dns;
  section.read("name", dns.name);
  std::string type;
  section.read("type", type);
  if (!type.empty()) {
    if (auto parsed = parse_dns_query_type(type)) {
      dns.type = *parsed;
    } else {
      section.problem(section.get("type"), "type",
                      "'" + type + "' is not A, AAAA, CNAME, MX, TXT, NS or SOA");
    }
  }
  section.read("server", dns.server);
  section.read_list("expect", dns.expected);
  std::string match;
  section.read("match", match);
  if (match == "all")
    dns.match = DnsMatch::kAll;
  else if (!match.empty() && match != "any")
    section.problem(section.get("match"), "match", "'" + match + "' is not any or all");
  section.read("rcode", dns.expected_rcode);
  return dns;
}

IcmpSpec read_icmp(Section& section) {
  IcmpSpec icmp;
  section.read("host", icmp.host);
  section.read("count", icmp.count, kEchoCountRange);
  section.read_duration("interval", icmp.interval);
  section.read("loss_warn_percent", icmp.loss_warn_percent, kPercentRange);
  section.read("loss_fail_percent", icmp.loss_fail_percent, kPercentRange);
  section.read_duration("rtt_warn", icmp.rtt_warn);
  section.read_duration("rtt_fail", icmp.rtt_fail);
  return icmp;
}

HeartbeatSpec read_heartbeat(Section& section) {
  HeartbeatSpec heartbeat;
  section.read_duration("period", heartbeat.period);
  section.read_duration("grace", heartbeat.grace);
  section.read("token", heartbeat.token);
  return heartbeat;
}

// `key` (secret, password): { env: NAME } or { file: PATH }, one of them.
void read_secret_source(Section& section, std::optional<SecretSource>& out,
                        const std::string& key = "secret") {
  auto node = section.get(key);
  if (!node) return;
  Section secret(node, section.path_of(key), section.problems());
  if (!secret.valid()) return;
  std::string environment, file;
  secret.read("env", environment);
  secret.read("file", file);
  if (environment.empty() == file.empty()) {
    section.problem(node, key,
                    "give env: NAME (an environment variable) or file: PATH, one of them");
    return;
  }
  out = environment.empty() ? SecretSource{SecretSource::From::kFile, file}
                            : SecretSource{SecretSource::From::kEnvironment, environment};
}

// http's auth: { scheme: basic|bearer, username, secret }, and
// client_certificate and client_key.
void read_http_credentials(Section& section, HttpCredentials& out) {
  if (auto node = section.get("auth")) {
    Section auth(node, section.path_of("auth"), section.problems());
    if (auth.valid()) {
      std::string scheme;
      auth.read("scheme", scheme);
      if (scheme == "basic")
        out.scheme = HttpCredentials::Scheme::kBasic;
      else if (scheme == "bearer")
        out.scheme = HttpCredentials::Scheme::kBearer;
      else
        auth.problem(auth.get("scheme"), "scheme",
                     scheme.empty() ? "is missing; give basic or bearer"
                                    : "'" + scheme + "' is not basic or bearer");
      auth.read("username", out.username);
      read_secret_source(auth, out.secret);
    }
  }
  section.read("client_certificate", out.client_certificate);
  section.read("client_key", out.client_key);
}

// smtp or imap: { host, port, security, tls_verify, ca_file, username,
// password }.
// `server` holds the defaults.
MailServer read_mail_server(Section& section, const std::string& key, MailServer server = {}) {
  auto node = section.get(key);
  if (!node) {
    section.problems().add(section.problems().mark_of(section.path()), section.path_of(key),
                           "is missing; give the " + key + " server's host (and its login)");
    return server;
  }
  Section fields(node, section.path_of(key), section.problems());
  if (!fields.valid()) return server;
  fields.read("host", server.host);
  fields.read("port", server.port, kPortRange);
  std::string security;
  fields.read("security", security);
  if (!security.empty()) {
    if (auto parsed = parse_mail_security(security))
      server.security = *parsed;
    else
      fields.problem(fields.get("security"), "security",
                     "'" + security + "' is not starttls, tls or none");
  }
  fields.read("tls_verify", server.tls_verify);
  fields.read("ca_file", server.ca_file);
  fields.read("username", server.username);
  read_secret_source(fields, server.password, "password");
  return server;
}

MailSpec read_mail(Section& section) {
  MailSpec mail;
  mail.smtp = read_mail_server(section, "smtp");
  mail.imap = read_mail_server(section, "imap", mail.imap);
  section.read("from", mail.from);
  section.read("to", mail.to);
  section.read("mailbox", mail.mailbox);
  section.read_duration("poll_every", mail.poll_every);
  section.read_duration("warn_after", mail.warn_after);
  return mail;
}

// command: a list (argv) or one line; shell: a line for /bin/sh -c.
ExecSpec read_exec(Section& section) {
  ExecSpec exec;
  section.read_list("command", exec.command);
  if (section.has("shell")) {
    if (section.has("command")) {
      section.problem(section.get("shell"), "shell",
                      "give command (run as is) or shell (run by /bin/sh -c), not both");
    }
    std::string line;
    section.read("shell", line);
    exec.command = {line};
    exec.shell = true;
  } else if (exec.command.size() == 1 && exec.command.front().find(' ') != std::string::npos) {
    section.problem(section.get("command"), "command",
                    "'" + exec.command.front() +
                        "' is one word with spaces; write the arguments as a list "
                        "([check_tcp, -H, host]) or the line as shell: \"...\"");
  }
  section.read_map("environment", exec.environment);
  section.read("working_directory", exec.working_directory);
  return exec;
}

// http's metrics: [{ pointer, label, warn, fail }].
void read_metrics(Section& section, std::vector<MetricRule>& out) {
  auto node = section.get("metrics");
  if (!node) return;
  if (!node.IsSequence()) return section.problem(node, "metrics", "expected a list of metrics");
  for (std::size_t i = 0; i < node.size(); ++i) {
    Section item(node[i], section.path_of("metrics") + "[" + std::to_string(i) + "]",
                 section.problems());
    if (!item.valid()) continue;
    MetricRule rule;
    item.read("pointer", rule.pointer);
    item.read("label", rule.label);
    for (auto [key, threshold] : {std::pair{"warn", &rule.warn}, std::pair{"fail", &rule.fail}}) {
      std::optional<std::string> text;
      item.read(key, text);
      if (!text) continue;
      *threshold = parse_threshold(*text);
      if (!*threshold) {
        item.problem(item.get(key), key,
                     "'" + *text +
                         "' is not a threshold; write an operator (<, <=, >, >=, ==, !=) and a "
                         "value, like \"> 100\"");
      }
    }
    out.push_back(std::move(rule));
  }
}

// remind_every, or reminder_interval as configurations before it named it.
constexpr const char* kOldRemindEvery = "reminder_interval";

void read_remind_every(Section& section, std::optional<Duration>& out) {
  section.read_duration(kOldRemindEvery, out);
  section.read_duration("remind_every", out);
  if (section.has(kOldRemindEvery) && section.has("remind_every")) {
    section.problem(section.get(kOldRemindEvery), kOldRemindEvery,
                    "give remind_every or reminder_interval (its older name), not both");
  }
}

std::vector<std::string_view> notify_on_names() {
  std::vector<std::string_view> names;
  for (NotifyOn on : kEveryNotifyOn)
    names.push_back(to_string(on));
  return names;
}

NotifierSpec read_notifier(Section& section) {
  NotifierSpec notifier;
  std::string id;
  section.read("id", id);
  notifier.id = NotifierId{id};
  std::string kind;
  section.read("kind", kind);
  if (!kind.empty()) {
    if (auto parsed = parse_notifier_kind(kind)) {
      notifier.kind = *parsed;
    } else {
      std::vector<std::string_view> kinds;
      std::string listed;
      for (NotifierKind known : kEveryNotifierKind) {
        kinds.push_back(to_string(known));
        listed += (listed.empty() ? "" : ", ") + std::string(to_string(known));
      }
      section.problem(section.get("kind"), "kind",
                      "'" + kind + "' is not one of " + listed + did_you_mean(kind, kinds));
    }
  }
  section.read("url", notifier.url);
  read_secret_source(section, notifier.secret);
  section.read("recipient", notifier.recipient);
  if (section.has("smtp")) notifier.smtp = read_mail_server(section, "smtp");
  section.read("from", notifier.mail_from);
  section.read_list("to", notifier.mail_to);
  section.read_map("headers", notifier.headers);
  section.read("message", notifier.message_template);
  section.read("max_attempts", notifier.max_attempts, kDeliveryAttemptsRange);
  if (section.has("notify_on")) {
    std::vector<std::string> names;
    section.read_list("notify_on", names);
    notifier.notify_on = NotifyOnSet::none();
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (auto on = parse_notify_on(names[i])) {
        notifier.notify_on.add(*on);
        continue;
      }
      const std::string path = section.path_of("notify_on") + "[" + std::to_string(i) + "]";
      section.problems().add(section.problems().mark_of(path), path,
                             "'" + names[i] + "' is not one of " + NotifyOnSet::all().describe() +
                                 did_you_mean(names[i], notify_on_names()));
    }
  }
  section.read_duration("notify_after", notifier.notify_after);
  section.read_duration("remind_every", notifier.remind_every);
  std::optional<std::string> escalate_to;
  section.read("escalate_to", escalate_to);
  if (escalate_to) notifier.escalate_to = NotifierId{*escalate_to};
  section.read_duration("escalate_after", notifier.escalate_after);
  return notifier;
}

std::optional<CheckSpec> read_check(Section& section, const ServiceId& service,
                                    const Defaults& defaults) {
  CheckSpec check;
  std::string id;
  section.read("id", id);
  check.id = CheckId{id};
  check.service = service;
  section.read("name", check.name);
  check.interval = defaults.interval;
  check.timeout = defaults.timeout;
  check.retry_interval = defaults.retry_interval;
  check.failure_threshold = defaults.failure_threshold;
  check.recovery_threshold = defaults.recovery_threshold;
  check.reminder_interval = defaults.reminder_interval;
  for (const auto& notifier : defaults.notify)
    check.notifiers.push_back(NotifierId{notifier});

  static const char* const kKinds[] = {"http", "tcp",       "tls",  "dns",
                                       "icmp", "heartbeat", "exec", "mail"};
  int kinds = 0;
  for (const char* kind : kKinds) {
    YAML::Node node = section.get(kind);
    if (!node) continue;
    ++kinds;
    Section probe(node, section.path_of(kind), section.problems());
    if (!probe.valid()) continue;
    const std::string name = kind;
    if (name == "http") {
      check.probe = read_http(probe);
      read_metrics(probe, check.metrics);
      read_http_credentials(probe, check.credentials);
    } else if (name == "exec")
      check.probe = read_exec(probe);
    else if (name == "mail")
      check.probe = read_mail(probe);
    else if (name == "tcp")
      check.probe = read_tcp(probe);
    else if (name == "tls")
      check.probe = read_tls(probe);
    else if (name == "dns")
      check.probe = read_dns(probe);
    else if (name == "icmp")
      check.probe = read_icmp(probe);
    else {
      check.probe = read_heartbeat(probe);
      // A missed deadline is already a confirmed failure: no soft state.
      if (!section.has("failure_threshold")) check.failure_threshold = 1;
      if (!section.has("recovery_threshold")) check.recovery_threshold = 1;
    }
  }
  if (kinds != 1) {
    section.problems().add(
        section.problems().mark_of(section.path()), section.path(),
        kinds == 0
            ? "says nothing to probe; give one of http, tcp, tls, dns, icmp, heartbeat, exec or "
              "mail"
            : "gives more than one of http, tcp, tls, dns, icmp, heartbeat, exec, mail; one "
              "check probes one thing");
    return std::nullopt;
  }
  if (std::holds_alternative<HeartbeatSpec>(check.probe) && section.has("interval")) {
    section.problem(
        section.get("interval"), "interval",
        "does not apply to a heartbeat check; heartbeat.period says when a ping is due");
  } else {
    section.read_duration("interval", check.interval);
  }
  section.read_duration("timeout", check.timeout);
  section.read_duration("retry_interval", check.retry_interval);
  section.read("failure_threshold", check.failure_threshold, kThresholdRange);
  section.read("recovery_threshold", check.recovery_threshold, kThresholdRange);
  std::string severity;
  section.read("severity", severity);
  if (severity == "warning")
    check.severity = Severity::kWarning;
  else if (!severity.empty() && severity != "critical") {
    section.problem(section.get("severity"), "severity",
                    "'" + severity + "' is not critical or warning");
  }
  section.read("enabled", check.enabled);
  read_remind_every(section, check.reminder_interval);
  if (section.has("notify")) {
    std::vector<std::string> notify;
    section.read_list("notify", notify);
    check.notifiers.clear();
    for (const auto& notifier : notify)
      check.notifiers.push_back(NotifierId{notifier});
  }
  if (const auto* heartbeat = std::get_if<HeartbeatSpec>(&check.probe)) {
    // Deadlines, not intervals, drive heartbeat checks.
    check.interval = heartbeat->period;
  }
  return check;
}

// The fields a check takes from `defaults:` when it does not give them.
constexpr std::string_view kInheritedFields[] = {
    "interval",           "timeout",      "retry_interval", "failure_threshold",
    "recovery_threshold", "remind_every", "notify"};

bool is_inherited(std::string_view field) {
  return std::ranges::find(kInheritedFields, field) != std::end(kInheritedFields);
}

// The field of `path` just below `parent`: "notify" of "<parent>.notify[2]";
// empty when `path` is not below `parent`.
std::string_view field_below(std::string_view path, std::string_view parent) {
  if (!path.starts_with(parent) || path.size() <= parent.size() + 1 || path[parent.size()] != '.')
    return {};
  path.remove_prefix(parent.size() + 1);
  return path.substr(0, path.find_first_of(".["));
}

// The domain's rules on what `defaults:` gives, reported once at its own
// lines rather than at every check that takes it.
void validate_defaults(const Defaults& defaults, Problems& problems) {
  CheckSpec spec;
  spec.interval = defaults.interval;
  spec.timeout = defaults.timeout;
  spec.retry_interval = defaults.retry_interval;
  spec.failure_threshold = defaults.failure_threshold;
  spec.recovery_threshold = defaults.recovery_threshold;
  spec.reminder_interval = defaults.reminder_interval;
  for (const auto& notifier : defaults.notify)
    spec.notifiers.push_back(NotifierId{notifier});
  for (const auto& problem : validate(spec, "defaults")) {
    if (is_inherited(field_below(problem.path, "defaults"))) problems.add(problem);
  }
}

// The domain's rules on a check read from `section`. What the check took
// from defaults was judged there; a heartbeat's interval is its period.
void validate_check(const CheckSpec& check, Section& section) {
  const bool heartbeat = std::holds_alternative<HeartbeatSpec>(check.probe);
  for (auto problem : validate(check, section.path())) {
    const std::string field(field_below(problem.path, section.path()));
    if (heartbeat && field == "interval") {
      problem.path = section.path_of("heartbeat.period");
    } else if (field == "remind_every" && section.has(kOldRemindEvery)) {
      problem.path = section.path_of(kOldRemindEvery);
    } else if (is_inherited(field) && !section.has(field)) {
      continue;
    }
    section.problems().add(problem);
  }
}

Defaults read_defaults(Section& section) {
  Defaults defaults;
  section.read_duration("interval", defaults.interval);
  section.read_duration("timeout", defaults.timeout);
  section.read_duration("retry_interval", defaults.retry_interval);
  section.read("failure_threshold", defaults.failure_threshold, kThresholdRange);
  section.read("recovery_threshold", defaults.recovery_threshold, kThresholdRange);
  read_remind_every(section, defaults.reminder_interval);
  section.read_list("notify", defaults.notify);
  return defaults;
}

void read_settings(Section& section, EngineSettings& settings) {
  std::string durability;
  section.read("durability", durability);
  if (durability == "async")
    settings.durability = eventstore::Durability::kAsync;
  else if (!durability.empty() && durability != "sync") {
    section.problem(section.get("durability"), "durability",
                    "'" + durability + "' is not sync or async");
  }
  section.read("max_in_flight", settings.max_in_flight, kMaxInFlightRange);
  section.read("max_exec_in_flight", settings.max_exec_in_flight, kMaxExecInFlightRange);
  section.read("io_threads", settings.io_threads, kIoThreadsRange);
  section.read("snapshot_every", settings.snapshot_every, kSnapshotEveryRange);
  section.read("listen", settings.listen);
  section.read("api_token", settings.api_token);
  if (!settings.api_token.empty() && settings.api_token.size() < 16) {
    section.problem(section.get("api_token"), "api_token", "must be at least 16 characters");
  }
  section.read("public_reads", settings.public_reads);
  if (auto node = section.get("backup")) {
    Section backup(node, section.path() + ".backup", section.problems());
    if (backup.valid()) {
      BackupSettings wanted;
      backup.read("to", wanted.to);
      backup.read_duration("every", wanted.every);
      backup.read("keep", wanted.keep, kBackupKeepRange);
      if (wanted.to.empty()) backup.problem(node, "to", "is required: the backup directory");
      if (wanted.every < std::chrono::minutes(1))
        backup.problem(backup.get("every"), "every", "must be at least 1m");
      settings.backup = std::move(wanted);
    }
  }
  if (auto node = section.get("tls")) {
    Section tls(node, section.path() + ".tls", section.problems());
    if (tls.valid()) {
      api::ServerTlsFiles files;
      tls.read("cert", files.certificate);
      tls.read("key", files.key);
      if (files.certificate.empty())
        tls.problem(node, "cert", "is required: a PEM certificate file");
      if (files.key.empty()) tls.problem(node, "key", "is required: a PEM private key file");
      settings.tls = std::move(files);
    }
  }
  section.read_duration("keep_results", settings.keep_results);
  std::string log_level;
  section.read("log_level", log_level);
  if (!log_level.empty()) {
    if (auto level = system::log_level_named(log_level))
      settings.log_level = *level;
    else
      section.problem(section.get("log_level"), "log_level",
                      "'" + log_level + "' is not debug, info, warn, error or off");
  }
}

// status_page: { public, services, title, description, session }.
void read_status_page(Section& section, api::StatusPageSettings& page) {
  section.read("public", page.is_public);
  section.read_list("services", page.services);
  section.read("title", page.title);
  section.read("description", page.description);
  section.read_duration("session", page.session);
  if (page.session <= Duration::zero()) {
    section.problem(section.get("session"), "session", "must be longer than 0");
  }
}

}  // namespace

// depends_on as written on a check or a service, resolved once every id is known.
struct WrittenParents {
  bool of_check = true;
  std::size_t index = 0;  // into config.checks or config.services
  std::string path;
  std::vector<std::string> parents;
};

// Each written parent as a check or a service: "check:ID" and "service:ID"
// say which (and may name one defined elsewhere); a bare id is whichever
// the file defines, and must not be both. Then every cycle, once, at the
// depends_on of its first node in the file.
void resolve_dependencies(const std::vector<WrittenParents>& written,
                          const std::map<std::string, std::string>& check_paths,
                          const std::map<std::string, std::string>& service_paths,
                          EngineConfig& config, Problems& problems) {
  for (const WrittenParents& entry : written) {
    std::vector<Dependency>& parents = entry.of_check ? config.checks[entry.index].depends_on
                                                      : config.services[entry.index].depends_on;
    for (std::size_t k = 0; k < entry.parents.size(); ++k) {
      const std::string& text = entry.parents[k];
      const std::string at = entry.path + ".depends_on[" + std::to_string(k) + "]";
      std::optional<Dependency> parent = parse_dependency(text);
      const bool is_check = check_paths.count(parent ? parent->id : text) > 0;
      const bool is_service = service_paths.count(parent ? parent->id : text) > 0;
      if (parent) {
        // Named with its kind, a parent may be defined elsewhere (the
        // engine's other definitions, for a document sent to the API).
      } else if (is_check && is_service) {
        problems.add(problems.mark_of(at), at,
                     "'" + text + "' is both a check and a service; write check:" + text +
                         " or service:" + text);
        continue;
      } else if (is_check || is_service) {
        parent = Dependency{is_check ? Dependency::Kind::kCheck : Dependency::Kind::kService, text};
      } else {
        problems.add(problems.mark_of(at), at, "'" + text + "' is not a check or service here");
        continue;
      }
      parents.push_back(*parent);
    }
  }
  std::map<std::string, const CheckSpec*> checks;
  std::map<std::string, const ServiceSpec*> services;
  std::map<std::string, std::vector<Dependency>> members;
  for (const CheckSpec& check : config.checks) {
    checks.emplace(check.id.value, &check);
    members[check.service.value].push_back({Dependency::Kind::kCheck, check.id.value});
  }
  for (const ServiceSpec& service : config.services)
    services.emplace(service.id.value, &service);
  const DependencyEdges edges = [&](const Dependency& node) {
    std::vector<Dependency> out;
    auto add_service_parents = [&](const std::string& id) {
      if (auto it = services.find(id); it != services.end())
        out.insert(out.end(), it->second->depends_on.begin(), it->second->depends_on.end());
    };
    if (node.kind == Dependency::Kind::kCheck) {
      auto it = checks.find(node.id);
      if (it == checks.end()) return out;
      out = it->second->depends_on;
      add_service_parents(it->second->service.value);
    } else {
      add_service_parents(node.id);
      const auto& in = members[node.id];
      out.insert(out.end(), in.begin(), in.end());
    }
    return out;
  };
  // From every check and service in file order: a cycle may run through a
  // check that inherits its parents from its service.
  std::map<Dependency, std::string> paths;
  for (const WrittenParents& entry : written) {
    paths[{entry.of_check ? Dependency::Kind::kCheck : Dependency::Kind::kService,
           entry.of_check ? config.checks[entry.index].id.value
                          : config.services[entry.index].id.value}] = entry.path + ".depends_on";
  }
  std::vector<Dependency> starts;
  for (const ServiceSpec& service : config.services) {
    starts.push_back({Dependency::Kind::kService, service.id.value});
    for (const Dependency& member : members[service.id.value])
      starts.push_back(member);
  }
  std::set<std::set<Dependency>> reported;
  for (const Dependency& start : starts) {
    const auto cycle = cycle_through(start, edges);
    if (!cycle) continue;
    // The same cycle found from another of its nodes is not a new problem.
    if (!reported.insert(std::set<Dependency>(cycle->begin(), cycle->end())).second) continue;
    // Reported where a node of it says depends_on.
    std::string at = "depends_on";
    for (const Dependency& node : *cycle) {
      if (auto it = paths.find(node); it != paths.end()) {
        at = it->second;
        break;
      }
    }
    problems.add(problems.mark_of(at), at, "makes a cycle: " + describe_cycle(*cycle));
  }
}

MaintenanceFields read_maintenance_fields(Section& section) {
  MaintenanceFields fields;
  section.read("id", fields.id);
  section.read("all", fields.all);
  section.read_list("checks", fields.checks);
  section.read_list("services", fields.services);
  section.read("start", fields.start);
  section.read("end", fields.end);
  section.read("duration", fields.duration);
  section.read_list("every", fields.every);
  section.read("at", fields.at);
  section.read("time_zone", fields.time_zone);
  section.read("comment", fields.comment);
  return fields;
}

Result<EngineConfig> parse_config(std::string_view text, const std::string& source) {
  Problems problems(source);
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    problems.add(error.mark, "", error.msg);
    return fail(Error::invalid_argument(problems.joined()));
  }
  EngineConfig config;
  config.source = source;
  config.hash = sha256_hex(text);
  if (!root || root.IsNull()) {
    return fail(
        Error::invalid_argument(source + ":1:1: is empty; it needs at least a services list"));
  }
  {
    Section top(root, "", problems);
    if (!top.valid()) return fail(Error::invalid_argument(problems.joined()));
    if (auto node = top.get("engine")) {
      Section engine(node, "engine", problems);
      if (engine.valid()) read_settings(engine, config.settings);
    }
    Defaults defaults;
    if (auto node = top.get("defaults")) {
      Section section(node, "defaults", problems);
      if (section.valid()) defaults = read_defaults(section);
      validate_defaults(defaults, problems);
    }
    // Ids must be unique, and each repeat is reported where it is.
    std::map<std::string, std::string> notifier_paths, service_paths, check_paths;
    const auto unique = [&](std::map<std::string, std::string>& paths, const std::string& id,
                            const std::string& path, std::string_view what) {
      if (id.empty()) return;  // validation says it is missing
      const auto [it, fresh] = paths.emplace(id, path);
      if (!fresh) {
        problems.add(
            problems.mark_of(path + ".id"), path + ".id",
            "'" + id + "' is used by another " + std::string(what) + " (" + it->second + ")");
      }
    };
    if (auto node = top.get("notifiers")) {
      if (!node.IsSequence()) {
        problems.add(node.Mark(), "notifiers", "expected a list of notifiers");
      } else {
        for (std::size_t i = 0; i < node.size(); ++i) {
          Section section(node[i], "notifiers[" + std::to_string(i) + "]", problems);
          if (!section.valid()) continue;
          NotifierSpec notifier = read_notifier(section);
          for (const auto& problem : validate(notifier, section.path()))
            problems.add(problem);
          unique(notifier_paths, notifier.id.value, section.path(), "notifier");
          config.notifiers.push_back(std::move(notifier));
        }
      }
    }
    // References must resolve: each is reported where it is written, and
    // one that checks take from defaults once, at defaults.
    const auto resolve = [&](const std::string& notifier, const std::string& path) {
      if (!notifier_paths.count(notifier)) {
        problems.add(problems.mark_of(path), path, "'" + notifier + "' is not in notifiers");
      }
    };
    for (std::size_t i = 0; i < defaults.notify.size(); ++i)
      resolve(defaults.notify[i], "defaults.notify[" + std::to_string(i) + "]");
    for (std::size_t i = 0; i < config.notifiers.size(); ++i) {
      if (const auto& to = config.notifiers[i].escalate_to)
        resolve(to->value, "notifiers[" + std::to_string(i) + "].escalate_to");
    }
    std::vector<WrittenParents> written_parents;
    YAML::Node services = top.get("services");
    if (!services || !services.IsSequence()) {
      problems.add(services ? services.Mark() : root.Mark(), "services",
                   "expected a list of services, each with its checks");
    } else {
      for (std::size_t i = 0; i < services.size(); ++i) {
        const std::string path = "services[" + std::to_string(i) + "]";
        Section section(services[i], path, problems);
        if (!section.valid()) continue;
        ServiceSpec service;
        std::string id;
        section.read("id", id);
        service.id = ServiceId{id};
        section.read("name", service.name);
        section.read("description", service.description);
        std::vector<std::string> service_parents;
        section.read_list("depends_on", service_parents);
        if (!service_parents.empty())
          written_parents.push_back({false, config.services.size(), path, service_parents});
        for (const auto& problem : validate(service, path))
          problems.add(problem);
        unique(service_paths, service.id.value, path, "service");
        YAML::Node checks = section.get("checks");
        if (checks && checks.IsSequence()) {
          for (std::size_t j = 0; j < checks.size(); ++j) {
            const std::string check_path = path + ".checks[" + std::to_string(j) + "]";
            Section check_section(checks[j], check_path, problems);
            if (!check_section.valid()) continue;
            auto check = read_check(check_section, service.id, defaults);
            if (!check) continue;
            validate_check(*check, check_section);
            unique(check_paths, check->id.value, check_path, "check");
            std::vector<std::string> check_parents;
            check_section.read_list("depends_on", check_parents);
            if (!check_parents.empty())
              written_parents.push_back({true, config.checks.size(), check_path, check_parents});
            if (check_section.has("notify")) {
              for (std::size_t k = 0; k < check->notifiers.size(); ++k) {
                resolve(check->notifiers[k].value,
                        check_path + ".notify[" + std::to_string(k) + "]");
              }
            }
            config.checks.push_back(std::move(*check));
          }
        } else if (checks) {
          problems.add(checks.Mark(), path + ".checks", "expected a list of checks");
        }
        config.services.push_back(std::move(service));
      }
    }
    resolve_dependencies(written_parents, check_paths, service_paths, config, problems);
    if (auto node = top.get("status_page")) {
      Section section(node, "status_page", problems);
      if (section.valid()) read_status_page(section, config.settings.status_page);
      const auto& shown = config.settings.status_page.services;
      for (std::size_t k = 0; k < shown.size(); ++k) {
        if (!service_paths.count(shown[k])) {
          const std::string at = "status_page.services[" + std::to_string(k) + "]";
          problems.add(problems.mark_of(at), at, "'" + shown[k] + "' is not a service here");
        }
      }
    }
    if (auto node = top.get("maintenance")) {
      if (!node.IsSequence()) {
        problems.add(node.Mark(), "maintenance", "expected a list of maintenance windows");
      } else {
        std::map<std::string, std::string> window_paths;
        for (std::size_t i = 0; i < node.size(); ++i) {
          const std::string path = "maintenance[" + std::to_string(i) + "]";
          Section section(node[i], path, problems);
          if (!section.valid()) continue;
          const MaintenanceFields fields = read_maintenance_fields(section);
          auto reading = read_maintenance(fields, path, std::nullopt);
          for (const auto& problem : reading.problems)
            problems.add(problem);
          unique(window_paths, fields.id, path, "maintenance window");
          // What a window names must be in this file.
          for (std::size_t k = 0; k < fields.checks.size(); ++k) {
            if (!check_paths.count(fields.checks[k])) {
              const std::string at = path + ".checks[" + std::to_string(k) + "]";
              problems.add(problems.mark_of(at), at,
                           "'" + fields.checks[k] + "' is not a check here");
            }
          }
          for (std::size_t k = 0; k < fields.services.size(); ++k) {
            if (!service_paths.count(fields.services[k])) {
              const std::string at = path + ".services[" + std::to_string(k) + "]";
              problems.add(problems.mark_of(at), at,
                           "'" + fields.services[k] + "' is not a service here");
            }
          }
          reading.spec.from_configuration = true;
          config.maintenance.push_back(std::move(reading.spec));
        }
      }
    }
  }
  if (!problems.empty()) return fail(Error::invalid_argument(problems.joined()));
  return config;
}

Result<EngineConfig> load_config_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return fail(Error::not_found("cannot read configuration " + path.string() +
                                 ": no such file or not readable"));
  }
  std::ostringstream text;
  text << file.rdbuf();
  return parse_config(text.str(), path.string());
}

}  // namespace nyxmon::infra::config
