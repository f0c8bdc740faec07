#include "infrastructure/api/status_page.hpp"

#include <fmt/format.h>

#include <chrono>

#include "domain/model/duration_text.hpp"
#include "domain/model/time_text.hpp"

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

namespace {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// "3h 12m ago" for people, with the exact time in the title.
std::string since_text(Timestamp since, Timestamp now) {
  if (since == Timestamp{}) return "—";
  const auto elapsed = std::chrono::duration_cast<std::chrono::seconds>(now - since);
  std::string ago;
  if (elapsed < std::chrono::minutes(1))
    ago = fmt::format("{}s ago", std::max<long long>(0, elapsed.count()));
  else if (elapsed < std::chrono::hours(1))
    ago = fmt::format("{}m ago", elapsed.count() / 60);
  else if (elapsed < std::chrono::hours(48))
    ago = fmt::format("{}h {}m ago", elapsed.count() / 3600, elapsed.count() / 60 % 60);
  else
    ago = fmt::format("{}d ago", elapsed.count() / 86400);
  return fmt::format("<time datetime=\"{0}\" title=\"{0}\">{1}</time>", format_timestamp(since),
                     ago);
}

std::string latency_text(const CheckView& check, const projections::WindowStats& day) {
  if (!check.last()) return "—";
  const double ms = std::chrono::duration<double, std::milli>(check.last()->duration).count();
  std::string text = ms < 10 ? fmt::format("{:.1f} ms", ms) : fmt::format("{:.0f} ms", ms);
  if (day.p95) {
    text += fmt::format(" <small>p95 {:.0f} ms</small>",
                        std::chrono::duration<double, std::milli>(*day.p95).count());
  }
  return text;
}

template <std::size_t N>
std::string bars_html(const std::array<UptimeBar, N>& bars, const char* label, bool days) {
  std::string out = fmt::format("<div class=\"bars\" role=\"img\" aria-label=\"{}\">", label);
  for (const UptimeBar& bar : bars) {
    const char* level = "none";
    std::string title = format_timestamp(bar.start).substr(0, days ? 10 : 16);
    if (bar.results > 0) {
      const double ratio = static_cast<double>(bar.good) / bar.results;
      level = ratio >= 0.999 ? "good" : ratio >= 0.95 ? "some" : "bad";
      title += fmt::format(": {:.2f}% of {} results good", ratio * 100, bar.results);
    } else {
      title += ": no results";
    }
    out += fmt::format("<i class=\"{}\" title=\"{}\"></i>", level, title);
  }
  out += "</div>";
  return out;
}

std::string uptime_text(const projections::WindowStats& stats) {
  return stats.uptime_percent ? fmt::format("{:.2f}%", *stats.uptime_percent) : "—";
}

constexpr std::string_view kStyle = R"(
body{font:15px/1.4 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
header{background:#1d2330;color:#fff;padding:14px 24px;display:flex;justify-content:space-between;align-items:baseline}
header h1{font-size:20px;margin:0}main{max-width:1200px;margin:0 auto;padding:16px 24px}
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002;margin:0 0 18px;padding:12px 16px}
h2{font-size:17px;margin:4px 0 10px;display:flex;gap:10px;align-items:center}
table{width:100%;border-collapse:collapse}th{text-align:left;font-weight:600;font-size:12px;color:#667;padding:4px 6px}
td{padding:6px;border-top:1px solid #eef;vertical-align:middle}
.pill{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:700;text-transform:uppercase;color:#fff}
.up{background:#1f9d55}.degraded{background:#d69e2e}.down{background:#e3342f}.pending{background:#8795a1}.paused{background:#6574cd}.maintenance{background:#3490dc}.unreachable{background:#9561e2}
.bars{display:flex;gap:1px;height:22px}.bars i{flex:1;min-width:3px;border-radius:2px}
.bars .good{background:#38c172}.bars .some{background:#f6ad55}.bars .bad{background:#e3342f}.bars .none{background:#dae1e7}
.reason{color:#a33;font-size:13px}.ack{color:#555;font-size:13px;font-style:italic}small{color:#667}.summary{font-size:14px;color:#cfd6e4}
.alarm{background:#e3342f;color:#fff;border-radius:8px;padding:10px 16px;font-weight:600}
.notice{background:#fff3cd;color:#6b4f00;border-radius:8px;padding:10px 16px}
)";

constexpr std::string_view kScript = R"(
(function(){
  function refresh(){
    fetch('/?fragment=board',{headers:{'Accept':'text/html'}}).then(function(r){
      if(!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function(html){
      document.getElementById('board').innerHTML=html;
      document.body.dataset.refreshed=String(Number(document.body.dataset.refreshed||0)+1);
    }).catch(function(){});
  }
  setInterval(refresh,10000);
  window.nyxmonRefresh=refresh;
})();
)";

}  // namespace

std::string status_board(const EngineView& view) {
  std::string out;
  std::size_t down = 0;
  for (const auto& check : view.checks)
    down += check->state().status == Status::kDown;
  if (!view.engine.store.recording) {
    out += fmt::format(
        "<p class=\"alarm\" id=\"store-problem\">Not recording: {}. Probing is paused; what "
        "you see is the state when recording stopped.</p>",
        escape_html(view.engine.store.problem));
  }
  if (view.engine.store.events_lost > 0) {
    out += fmt::format(
        "<p class=\"notice\" id=\"events-lost\">{} event(s) of this log were lost (a damaged "
        "write-ahead log) and recorded by nyxmon repair; see <code>nyxmon events --type "
        "EventsLost</code>.</p>",
        view.engine.store.events_lost);
  }
  for (const MaintenanceRecord& window : view.maintenance) {
    if (!window.open) continue;
    out += fmt::format("<p class=\"notice\" id=\"maintenance-{}\">Maintenance until {}: {}{}</p>",
                       escape_html(window.spec.id.value), format_timestamp(window.ends_at),
                       escape_html(describe(window.spec)),
                       window.spec.comment.empty() ? "" : " — " + escape_html(window.spec.comment));
  }
  for (const SilenceRecord& silence : view.silences) {
    if (!silence.active_at(view.taken_at)) continue;
    out +=
        fmt::format("<p class=\"notice\" id=\"silence-{}\">Notifications held: {}{}</p>",
                    escape_html(silence.spec.id.value), escape_html(describe(silence.spec)),
                    silence.spec.comment.empty() ? "" : " — " + escape_html(silence.spec.comment));
  }
  out +=
      fmt::format("<p class=\"overall\" data-sequence=\"{}\">{} checks, {} down · as of {}</p>",
                  view.engine.sequence, view.checks.size(), down, format_timestamp(view.taken_at));
  for (const ServiceView& service : view.services) {
    out += fmt::format(
        "<section id=\"service-{0}\"><h2><span class=\"pill {1}\">{1}</span>{2}<small>since "
        "{3}</small></h2>",
        escape_html(service.spec.id.value), to_string(service.status),
        escape_html(service.spec.display_name()), since_text(service.since, view.taken_at));
    out +=
        "<table><thead><tr><th>Check</th><th>Status</th><th>Since</th><th>Latency</th>"
        "<th>Last 24 hours</th><th>24 h</th><th>Last 30 days</th><th>30 d</th></tr></thead><tbody>";
    for (std::size_t index : service.checks) {
      const CheckView& check = *view.checks[index];
      const auto day = check.window(projections::StatsWindow::kDay, view.taken_at);
      const auto month = check.window(projections::StatsWindow::kMonth, view.taken_at);
      std::string reason;
      if (is_problem(check.state().status) || check.state().status == Status::kUnreachable) {
        reason = fmt::format("<div class=\"reason\">{}</div>", escape_html(check.status_reason()));
      }
      if (const auto& ack = check.acknowledgement()) {
        reason += fmt::format("<div class=\"ack\">acknowledged{}{}</div>",
                              ack->by.empty() ? "" : " by " + escape_html(ack->by),
                              ack->comment.empty() ? "" : ": " + escape_html(ack->comment));
      }
      out += fmt::format(
          "<tr id=\"check-{0}\" data-status=\"{1}\"><td>{2} <small>{3}</small>{4}</td>"
          "<td><span class=\"pill {1}\">{1}</span></td><td>{5}</td><td>{6}</td><td>{7}</td>"
          "<td>{8}</td><td>{9}</td><td>{10}</td></tr>",
          escape_html(check.spec().id.value), to_string(check.state().status),
          escape_html(check.spec().display_name()), check.kind, reason,
          since_text(check.since(), view.taken_at), latency_text(check, day),
          bars_html(check.hourly_bars(view.taken_at), "uptime per hour, last 24 hours", false),
          uptime_text(day),
          bars_html(check.daily_bars(view.taken_at), "uptime per day, last 30 days", true),
          uptime_text(month));
    }
    out += "</tbody></table></section>";
  }
  if (view.services.empty()) out += "<section><p>No services are defined.</p></section>";
  return out;
}

std::string status_page(const EngineView& view) {
  return fmt::format(
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<title>nyxmon status</title><noscript><meta http-equiv=\"refresh\" "
      "content=\"30\"></noscript>"
      "<style>{}</style></head><body><header><h1>nyxmon status</h1>"
      "<span class=\"summary\">engine {} · sequence {}</span></header>"
      "<main id=\"board\">{}</main><script>{}</script></body></html>",
      kStyle, escape_html(view.engine.version), view.engine.sequence, status_board(view), kScript);
}

}  // namespace nyxmon::infra::api
