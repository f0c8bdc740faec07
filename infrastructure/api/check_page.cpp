#include "infrastructure/api/check_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>

#include "domain/model/duration_text.hpp"
#include "domain/model/exec_spec.hpp"
#include "domain/model/time_text.hpp"
#include "infrastructure/api/bar_strips.hpp"

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

namespace {

constexpr std::array<ChartRange, 3> kRanges{
    ChartRange{"1h", "last hour", std::chrono::hours(1)},
    ChartRange{"24h", "last 24 hours", std::chrono::hours(24)},
    ChartRange{"7d", "last 7 days", std::chrono::hours(24 * 7)}};

std::string duration_html(Duration length) {
  return escape_html(describe(std::chrono::duration_cast<std::chrono::milliseconds>(length)));
}

std::optional<Duration> warn_threshold(const ProbeSpec& probe) {
  if (const auto* http = std::get_if<HttpSpec>(&probe)) return http->expect.latency_warn;
  if (const auto* icmp = std::get_if<IcmpSpec>(&probe)) return icmp->rtt_warn;
  if (const auto* mail = std::get_if<MailSpec>(&probe)) return mail->warn_after;
  return std::nullopt;
}

std::string host_port(const std::string& host, int port) {
  return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port)
                                             : fmt::format("{}:{}", host, port);
}

// What the check probes, in one line.
std::string target_text(const ProbeSpec& probe) {
  struct Target {
    std::string operator()(const HttpSpec& s) const { return s.method + " " + s.url; }
    std::string operator()(const TcpSpec& s) const { return host_port(s.host, s.port); }
    std::string operator()(const TlsSpec& s) const { return host_port(s.host, s.port); }
    std::string operator()(const DnsSpec& s) const {
      return s.name + " " + std::string(to_string(s.type)) +
             (s.server.empty() ? "" : " @" + s.server);
    }
    std::string operator()(const IcmpSpec& s) const {
      return fmt::format("{} ({} echo requests)", s.host, s.count);
    }
    std::string operator()(const HeartbeatSpec& s) const {
      return "a ping every " + describe(s.period) + " (grace " + describe(s.grace) + ")";
    }
    std::string operator()(const ExecSpec& s) const { return describe_command(s); }
    std::string operator()(const MailSpec& s) const {
      return "SMTP " + host_port(s.smtp.host, port_of(s.smtp, MailProtocol::kSmtp)) + " → IMAP " +
             host_port(s.imap.host, port_of(s.imap, MailProtocol::kImap)) + " " + s.mailbox;
    }
  };
  return std::visit(Target{}, probe);
}

std::string definition_html(const CheckPageParts& parts) {
  const CheckSpec& spec = parts.check.spec();
  std::string rows;
  const auto row = [&rows](std::string_view name, const std::string& value_html) {
    rows += fmt::format("<dt>{}</dt><dd>{}</dd>", name, value_html);
  };
  row("id", "<code>" + escape_html(spec.id.value) + "</code>");
  row("service", escape_html(spec.service.value));
  row("kind", std::string(parts.check.kind));
  if (parts.show_targets)
    row("target", "<code>" + escape_html(target_text(spec.probe)) + "</code>");
  row("every", duration_html(spec.interval) + ", timeout " + duration_html(spec.timeout) +
                   ", retries every " + duration_html(spec.effective_retry_interval()));
  row("down after", fmt::format("{} failing results in a row; up again after {} good ones",
                                spec.failure_threshold, spec.recovery_threshold));
  if (const auto warn = warn_threshold(spec.probe)) row("warn above", duration_html(*warn));
  row("severity", std::string(to_string(spec.severity)));
  if (spec.reminder_interval) row("reminders", "every " + duration_html(*spec.reminder_interval));
  std::string notifiers;
  for (const NotifierId& notifier : spec.notifiers)
    notifiers += (notifiers.empty() ? "" : ", ") + escape_html(notifier.value);
  row("notifies", notifiers.empty() ? "nobody" : notifiers);
  if (!spec.depends_on.empty()) {
    std::string parents;
    for (const Dependency& parent : spec.depends_on)
      parents += (parents.empty() ? "" : ", ") + escape_html(describe(parent));
    row("depends on", parents);
  }
  if (!spec.enabled) row("enabled", "no");
  return "<dl class=\"definition\">" + rows + "</dl>";
}

std::string incidents_html(const CheckView& check, Timestamp now) {
  if (check.incidents.empty()) return "<p>No incidents recorded.</p>";
  std::string out =
      "<table><thead><tr><th>Started</th><th>Ended</th><th>Lasted</th><th>Cause</th>"
      "<th>Acknowledged</th></tr></thead><tbody>";
  for (const projections::Incident& incident : check.incidents) {
    const Timestamp end = incident.ended_at.value_or(now);
    std::string acknowledged = "—";
    if (!incident.ended_at && check.acknowledgement()) {
      const Acknowledgement& ack = *check.acknowledgement();
      acknowledged = "by " + escape_html(ack.by.empty() ? std::string("someone") : ack.by) +
                     (ack.comment.empty() ? "" : ": " + escape_html(ack.comment));
    }
    out += fmt::format(
        "<tr class=\"incident\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        time_html(incident.started_at),
        incident.ended_at ? time_html(*incident.ended_at) : "<strong>open</strong>",
        duration_html(end - incident.started_at), escape_html(incident.cause), acknowledged);
  }
  return out + "</tbody></table>";
}

std::string why_html(const CheckView& check, const CheckHistory& history) {
  std::string out =
      fmt::format("<section id=\"why\"><h2>Why is it {}?</h2><p>{}</p><ol class=\"why\">",
                  to_string(check.state().status), escape_html(check.status_reason()));
  for (const projections::ExplainedStep& step : history.why) {
    out += fmt::format("<li{}>{} — {}{}</li>", step.decision ? " class=\"decision\"" : "",
                       time_html(step.at), escape_html(step.what),
                       step.rule.empty() ? "" : " <code>[" + escape_html(step.rule) + "]</code>");
  }
  out += "</ol><p><small>As <code>nyxmon replay --check " + escape_html(check.spec().id.value) +
         " --explain</code> tells it.</small></p></section>";
  return out;
}

// The 90-day strip, under the share of good results over the days watched.
std::string uptime_strip(const CheckView& check, Timestamp now) {
  const auto bars = check.ninety_day_bars(now);
  std::uint64_t results = 0;
  std::uint64_t good = 0;
  for (const UptimeBar& bar : bars) {
    results += bar.results;
    good += bar.good;
  }
  const std::string figure =
      results ? fmt::format("{:.3f}%", 100.0 * static_cast<double>(good) / results) : "—";
  return fmt::format(
             "<p class=\"big\" id=\"uptime-90d\">{} <small>of {} results over the days "
             "watched</small></p>",
             figure, results) +
         uptime_strip_html(bars, "uptime per day, last 90 days", true);
}

std::string legend_html() {
  std::string out = "<ul class=\"legend\" aria-label=\"phases\">";
  for (const auto& [name, label] :
       std::array<std::pair<std::string_view, std::string_view>, 6>{{{"resolve", "resolve"},
                                                                     {"connect", "connect"},
                                                                     {"tls", "TLS"},
                                                                     {"wait", "first byte"},
                                                                     {"transfer", "rest (total)"},
                                                                     {"fail", "failed runs"}}}) {
    out +=
        fmt::format("<li><i class=\"{}\"></i>{}</li>",
                    name == "fail" ? std::string("fail-swatch") : "ph-" + std::string(name), label);
  }
  return out + "</ul>";
}

// The walk through time: before the change that set the status shown,
// the next change after the instant shown, and an hour either way.
std::string step_buttons(const CheckHistory& history, const PageContext& page,
                         const std::string& path, Timestamp shown) {
  const auto link = [&](Timestamp at, std::string_view label, std::string_view id) {
    return fmt::format("<a class=\"step\" id=\"{}\" href=\"{}?at={}\">{}</a>", id,
                       escape_html(path), format_timestamp(at), label);
  };
  std::string out;
  if (history.previous_change)
    out += link(*history.previous_change - std::chrono::milliseconds(1), "◀ Before the last change",
                "step-before");
  out += link(shown - std::chrono::hours(1), "−1 h", "step-back-hour");
  if (page.at) {
    out += link(shown + std::chrono::hours(1), "+1 h", "step-forward-hour");
    // Links carry milliseconds: rounded up, the instant includes the change.
    if (history.next_change) {
      out += link(std::chrono::ceil<std::chrono::milliseconds>(*history.next_change),
                  "Next change ▶", "step-next");
    }
  }
  return out;
}

}  // namespace

std::optional<ChartRange> chart_range(std::string_view key) {
  if (key.empty()) return kRanges[1];
  for (const ChartRange& range : kRanges) {
    if (range.key == key) return range;
  }
  return std::nullopt;
}

std::string check_page(const CheckPageParts& parts, const PageContext& page) {
  const CheckView& check = parts.check;
  const Timestamp now = parts.view.taken_at;
  const std::string path = "/checks/" + check.spec().id.value;
  const Status status = check.state().status;
  std::string out = page_head(check.spec().display_name() + " — " + page.title, page.at ? 0 : 60);
  out += page_header(page, "<a href=\"" + escape_html(page_link(page, "/")) + "\">All checks</a>");
  out += "<main>";
  out += time_travel_bar(page, path, step_buttons(parts.history, page, path, now));
  out += fmt::format(
      "<section id=\"check\" data-status=\"{0}\"><h2><span class=\"pill {0}\">{0}</span>{1}"
      "<small>{2} · since {3}</small></h2>",
      to_string(status), escape_html(check.spec().display_name()), check.kind,
      check.since() == Timestamp{} ? "—" : time_html(check.since()));
  if (is_failing(status) || status == Status::kPaused) {
    out += "<p class=\"reason\">" + escape_html(check.status_reason()) + "</p>";
  }
  if (const auto& ack = check.acknowledgement()) {
    out += fmt::format("<p class=\"ack\">acknowledged{}{}</p>",
                       ack->by.empty() ? "" : " by " + escape_html(ack->by),
                       ack->comment.empty() ? "" : ": " + escape_html(ack->comment));
  }
  if (check.last()) {
    out +=
        fmt::format("<p>Last run {}: {}{} in {:.0f} ms.</p>", time_html(check.last()->at),
                    to_string(check.last()->outcome),
                    check.last()->reason.empty() ? "" : " — " + escape_html(check.last()->reason),
                    std::chrono::duration<double, std::milli>(check.last()->duration).count());
  }
  out += "</section>";
  if (is_failing(status)) out += why_html(check, parts.history);

  out += "<section id=\"response-time\"><h2>Response time</h2><p class=\"ranges\">";
  for (const ChartRange& range : kRanges) {
    const std::string href = page_link(page, path + "?range=" + std::string(range.key));
    out += range.key == parts.range.key
               ? fmt::format("<strong aria-current=\"page\">{}</strong>", range.label)
               : fmt::format("<a href=\"{}\">{}</a>", escape_html(href), range.label);
  }
  out += "</p>";
  // A check watched for less than the window: the chart spans what was
  // watched, not empty time before it.
  ChartWindow window{now - parts.range.length, now, parts.range.label};
  if (parts.history.began_in_window && !parts.history.runs.empty()) {
    window.from = std::max(window.from, parts.history.runs.front().at);
    window.label = "since it was first watched";
  }
  out += response_chart_svg(parts.history.runs, window, warn_threshold(check.spec().probe));
  out += legend_html();
  if (parts.history.runs_cut) {
    out += fmt::format("<p><small>Only the newest {} runs of this window are drawn.</small></p>",
                       kChartRuns);
  }
  out += "</section>";
  out += "<section id=\"uptime\"><h2>Uptime per day, last 90 days</h2>" + uptime_strip(check, now) +
         "</section>";
  out += "<section id=\"runs\"><h2>Last 60 runs</h2>" + runs_strip_html(check) + "</section>";
  out += "<section id=\"incidents\"><h2>Incidents</h2>" + incidents_html(check, now) + "</section>";
  out += "<section id=\"definition\"><h2>Definition</h2>" + definition_html(parts) + "</section>";
  out += "</main></body></html>";
  return out;
}

}  // namespace nyxmon::infra::api
