#include "infrastructure/api/incidents_page.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "domain/model/duration_text.hpp"
#include "domain/model/time_text.hpp"

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

namespace {

std::string rows_html(const std::vector<const ShownIncident*>& shown, const PageContext& page,
                      Timestamp now) {
  std::string out =
      "<table><thead><tr><th>Check</th><th>Service</th><th>Started</th><th>Ended</th>"
      "<th>Lasted</th><th>Cause</th><th>Notifications</th></tr></thead><tbody>";
  for (const ShownIncident* item : shown) {
    const projections::Incident& incident = item->incident;
    const CheckSpec& spec = item->check->spec();
    std::string notices;
    for (const IncidentNotice& notice : item->notices)
      notices += (notices.empty() ? "" : "<br>") + escape_html(notice.text);
    const auto lasted = std::chrono::duration_cast<std::chrono::seconds>(
        incident.ended_at.value_or(now) - incident.started_at);
    out += fmt::format(
        "<tr class=\"incident\" data-check=\"{0}\"><td><a href=\"{1}\">{2}</a></td><td>{3}</td>"
        "<td>{4}</td><td>{5}</td><td>{6}</td><td>{7}</td><td>{8}</td></tr>",
        escape_html(spec.id.value), escape_html(page_link(page, "/checks/" + spec.id.value)),
        escape_html(spec.display_name()), escape_html(spec.service.value),
        time_html(incident.started_at),
        incident.ended_at ? time_html(*incident.ended_at) : "<strong>open</strong>",
        escape_html(describe(lasted)), escape_html(incident.cause),
        notices.empty() ? "none" : notices);
  }
  return out + "</tbody></table>";
}

}  // namespace

std::vector<ShownIncident> incidents_to_show(const EngineView& view, const PageContext& page,
                                             const std::string& service, std::size_t limit) {
  std::vector<ShownIncident> shown;
  for (const auto& check : view.checks) {
    const std::string& owner = check->spec().service.value;
    if (!shows_service(page, owner) || (!service.empty() && owner != service)) continue;
    for (const projections::Incident& incident : check->incidents)
      shown.push_back(ShownIncident{incident, check.get(), {}});
  }
  std::stable_sort(shown.begin(), shown.end(), [](const auto& a, const auto& b) {
    const bool a_open = !a.incident.ended_at;
    const bool b_open = !b.incident.ended_at;
    if (a_open != b_open) return a_open;
    return a.incident.started_at > b.incident.started_at;
  });
  if (shown.size() > limit) shown.resize(limit);
  return shown;
}

std::string incidents_page(const EngineView& view, const std::vector<ShownIncident>& incidents,
                           const std::string& service, const PageContext& page) {
  std::string out = page_head("Incidents — " + page.title, page.at ? 0 : 60);
  out += page_header(page,
                     fmt::format("as of {}", format_timestamp(view.taken_at).substr(0, 19) + "Z"));
  out += "<main>" + time_travel_bar(page, "/incidents");
  out +=
      "<section><h2>Incidents</h2><form class=\"travel\" method=\"get\" "
      "action=\"/incidents\"><label for=\"service\">Service</label><select id=\"service\" "
      "name=\"service\"><option value=\"\">all</option>";
  for (const ServiceView& candidate : view.services) {
    const std::string& id = candidate.spec.id.value;
    if (!shows_service(page, id)) continue;
    out +=
        fmt::format("<option value=\"{0}\"{1}>{2}</option>", escape_html(id),
                    id == service ? " selected" : "", escape_html(candidate.spec.display_name()));
  }
  out += "</select>";
  if (page.at)
    out += "<input type=\"hidden\" name=\"at\" value=\"" + format_timestamp(*page.at) + "\">";
  out += "<button type=\"submit\">Show</button></form>";
  std::vector<const ShownIncident*> open;
  std::vector<const ShownIncident*> closed;
  for (const ShownIncident& item : incidents)
    (item.incident.ended_at ? closed : open).push_back(&item);
  out += fmt::format("<h3 id=\"open\">Open ({})</h3>", open.size());
  out += open.empty() ? "<p>None: every check is up or on its way.</p>"
                      : rows_html(open, page, view.taken_at);
  out += fmt::format("<h3 id=\"recent\">Recent ({})</h3>", closed.size());
  out += closed.empty() ? "<p>None recorded.</p>" : rows_html(closed, page, view.taken_at);
  out += "</section></main></body></html>";
  return out;
}

}  // namespace nyxmon::infra::api
