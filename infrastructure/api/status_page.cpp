#include "infrastructure/api/status_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "domain/model/duration_text.hpp"
#include "domain/model/time_text.hpp"
#include "infrastructure/api/bar_strips.hpp"
#include "infrastructure/api/page_parts.hpp"

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

namespace {

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

std::string uptime_text(const projections::WindowStats& stats) {
  return stats.uptime_percent ? fmt::format("{:.2f}%", *stats.uptime_percent) : "—";
}

// Problems first: down, degraded, unreachable, maintenance, then the rest.
int rank(Status status) {
  switch (status) {
    case Status::kDown:
      return 0;
    case Status::kDegraded:
      return 1;
    case Status::kUnreachable:
      return 2;
    case Status::kMaintenance:
      return 3;
    case Status::kPending:
      return 4;
    case Status::kPaused:
      return 5;
    case Status::kUp:
      return 6;
  }
  return 7;
}

constexpr Status kStatusesShown[] = {Status::kDown,        Status::kDegraded, Status::kUnreachable,
                                     Status::kMaintenance, Status::kPending,  Status::kPaused,
                                     Status::kUp};

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

std::string status_board(const EngineView& view, const PageContext& page) {
  std::string out;
  std::vector<const ServiceView*> services;
  for (const ServiceView& service : view.services)
    if (shows_service(page, service.spec.id.value)) services.push_back(&service);
  std::stable_sort(services.begin(), services.end(),
                   [](const auto* a, const auto* b) { return rank(a->status) < rank(b->status); });
  std::array<std::size_t, kStatusCount> counts{};
  std::size_t checks_shown = 0;
  for (const ServiceView* service : services) {
    for (std::size_t index : service->checks) {
      ++counts[static_cast<std::size_t>(view.checks[index]->state().status)];
      ++checks_shown;
    }
  }
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
  out += fmt::format("<p class=\"overall\" data-sequence=\"{}\">{} checks · as of {}</p>",
                     view.engine.sequence, checks_shown, format_timestamp(view.taken_at));
  out += "<ul class=\"counts\" aria-label=\"checks by status\">";
  for (Status status : kStatusesShown) {
    const std::size_t count = counts[static_cast<std::size_t>(status)];
    if (count == 0) continue;
    out += fmt::format("<li id=\"count-{0}\"><span class=\"pill {0}\">{1} {0}</span></li>",
                       to_string(status), count);
  }
  out += "</ul>";
  for (const ServiceView* shown : services) {
    const ServiceView& service = *shown;
    std::vector<std::size_t> order = service.checks;
    std::stable_sort(order.begin(), order.end(), [&view](std::size_t a, std::size_t b) {
      return rank(view.checks[a]->state().status) < rank(view.checks[b]->state().status);
    });
    out += fmt::format(
        "<section id=\"service-{0}\"><h2><span class=\"pill {1}\">{1}</span>{2}<small>since "
        "{3}</small></h2>",
        escape_html(service.spec.id.value), to_string(service.status),
        escape_html(service.spec.display_name()), since_text(service.since, view.taken_at));
    out +=
        "<table><thead><tr><th>Check</th><th>Status</th><th>Since</th><th>Latency</th>"
        "<th>Last 60 runs</th><th class=\"wide\">Last 24 hours</th><th>24 h</th>"
        "<th class=\"wide\">Last 30 days</th><th class=\"wide\">30 d</th></tr></thead><tbody>";
    for (std::size_t index : order) {
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
          "<tr id=\"check-{0}\" data-status=\"{1}\"><td><a href=\"{12}\">{2}</a> "
          "<small>{3}</small>{4}</td>"
          "<td><span class=\"pill {1}\">{1}</span></td><td>{5}</td><td>{6}</td><td>{11}</td>"
          "<td class=\"wide\">{7}</td><td>{8}</td><td class=\"wide\">{9}</td>"
          "<td class=\"wide\">{10}</td></tr>",
          escape_html(check.spec().id.value), to_string(check.state().status),
          escape_html(check.spec().display_name()), check.kind, reason,
          since_text(check.since(), view.taken_at), latency_text(check, day),
          uptime_strip_html(check.hourly_bars(view.taken_at), "uptime per hour, last 24 hours",
                            false),
          uptime_text(day),
          uptime_strip_html(check.daily_bars(view.taken_at), "uptime per day, last 30 days", true),
          uptime_text(month), runs_strip_html(check),
          escape_html(page_link(page, "/checks/" + check.spec().id.value)));
    }
    out += "</tbody></table></section>";
  }
  if (services.empty()) out += "<section><p>No services are defined.</p></section>";
  return out;
}

std::string status_page(const EngineView& view, const PageContext& page) {
  // The past does not change: no refresh.
  return page_head(page.title, page.at ? 0 : 30) +
         page_header(page, fmt::format("engine {} · sequence {}", escape_html(view.engine.version),
                                       view.engine.sequence)) +
         "<main>" + time_travel_bar(page, "/") + "<div id=\"board\">" + status_board(view, page) +
         "</div></main>" + (page.at ? "" : "<script>" + std::string(kScript) + "</script>") +
         "</body></html>";
}

}  // namespace nyxmon::infra::api
