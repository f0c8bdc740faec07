#include "infrastructure/api/page_parts.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "domain/model/time_text.hpp"

namespace nyxmon::infra::api {

namespace {

// Colours through variables so that a dark system gets a dark page; the
// status colours keep white text at a contrast of 4.5:1 or more.
constexpr std::string_view kStyle = R"(
:root{--bad-fg:#b42318;--bg:#f6f7f9;--fg:#1d2330;--card:#fff;--muted:#5b6472;--line:#e3e6ee;--bar-none:#dae1e7;--head:#1d2330;--head-fg:#fff}
@media (prefers-color-scheme:dark){:root{--bad-fg:#ff8a7a;--bg:#11151c;--fg:#e4e8ef;--card:#1a2029;--muted:#a3adbb;--line:#2c3440;--bar-none:#3a4350;--head:#0b0e13;--head-fg:#e4e8ef}}
body{font:15px/1.4 system-ui,sans-serif;margin:0;background:var(--bg);color:var(--fg)}
header{background:var(--head);color:var(--head-fg);padding:14px 24px;display:flex;flex-wrap:wrap;gap:8px 16px;justify-content:space-between;align-items:baseline}
header h1{font-size:20px;margin:0}header p{margin:2px 0 0;font-size:14px;color:#cfd6e4}
header form{display:inline;margin:0}header button{font:inherit;font-size:13px;background:transparent;color:var(--head-fg);border:1px solid #8793a6;border-radius:6px;padding:2px 10px;cursor:pointer}
main{max-width:1200px;margin:0 auto;padding:16px 24px}
section{background:var(--card);border-radius:8px;box-shadow:0 1px 3px #0002;margin:0 0 18px;padding:12px 16px;overflow-x:auto}
h2{font-size:17px;margin:4px 0 10px;display:flex;flex-wrap:wrap;gap:10px;align-items:center}
table{width:100%;border-collapse:collapse}th{text-align:left;font-weight:600;font-size:12px;color:var(--muted);padding:4px 6px}
td{padding:6px;border-top:1px solid var(--line);vertical-align:middle}
.pill{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:700;text-transform:uppercase;color:#fff}
.up{background:#17803d}.degraded{background:#a05a00}.down{background:#c81e1e}.pending{background:#5b6472}.paused{background:#4c51bf}.maintenance{background:#1c64b0}.unreachable{background:#7b3fc4}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 14px;padding:0;list-style:none}.counts li{font-weight:600}
.bars{display:flex;gap:1px;height:22px;min-width:120px}.bars i{flex:1;min-width:3px;border-radius:2px}
.bars .good{background:#2f9e5b}.bars .some{background:#e08a1e}.bars .bad{background:#d7301f}.bars .none{background:var(--bar-none)}.bars .unwatched{background:transparent}
.reason{color:var(--bad-fg);font-size:13px}.ack{color:var(--muted);font-size:13px;font-style:italic}small{color:var(--muted)}.summary{font-size:14px;color:#cfd6e4}
.alarm{background:#c81e1e;color:#fff;border-radius:8px;padding:10px 16px;font-weight:600}
.notice{background:#fff3cd;color:#5c4400;border-radius:8px;padding:10px 16px}
.login{max-width:420px;margin:40px auto}.login label{display:block;font-weight:600;margin:0 0 6px}
.login input{width:100%;box-sizing:border-box;font:inherit;padding:8px;border:1px solid var(--muted);border-radius:6px;background:var(--card);color:var(--fg)}
.login button{margin-top:12px;font:inherit;font-weight:600;padding:8px 18px;border:0;border-radius:6px;background:#1c64b0;color:#fff;cursor:pointer}
.error{color:var(--bad-fg);font-weight:600}
header nav{display:flex;gap:14px;font-size:14px}header nav a{color:var(--head-fg)}
.travel{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:0 0 14px;font-size:14px}
.travel input{font:inherit;padding:4px 8px;border:1px solid var(--muted);border-radius:6px;background:var(--card);color:var(--fg);width:15em}
.travel button,.travel .step{font:inherit;font-size:14px;padding:4px 12px;border:1px solid var(--muted);border-radius:6px;background:var(--card);color:var(--fg);cursor:pointer;text-decoration:none}
.past{background:#4c51bf;color:#fff;border-radius:8px;padding:10px 16px;font-weight:600}.past a{color:#fff}
.chart{width:100%;height:auto;max-height:260px}.chart .grid{stroke:var(--line)}.chart .axis{fill:var(--muted);font-size:11px}
.ph-resolve{fill:#8e6bd8;background:#8e6bd8}.ph-connect{fill:#2b8ac4;background:#2b8ac4}.ph-tls{fill:#1aa39a;background:#1aa39a}.ph-wait{fill:#e0a21e;background:#e0a21e}.ph-transfer{fill:#7d8a99;background:#7d8a99}.fail-mark,.fail-swatch{fill:#d7301f;background:#d7301f}
.warn-line{stroke:#e08a1e;stroke-width:1.5;stroke-dasharray:6 4}
.legend{display:flex;flex-wrap:wrap;gap:12px;font-size:13px;margin:6px 0 0;padding:0;list-style:none}.legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-1px}
.ranges{display:flex;gap:10px;font-size:14px;margin:0 0 6px}
dl.definition{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}dl.definition dt{color:var(--muted)}dl.definition dd{margin:0;overflow-wrap:anywhere}
ol.why{margin:0;padding-left:20px}ol.why li{margin:2px 0}ol.why .decision{font-weight:600}ol.why code{font-size:13px}
.big{font-size:22px;margin:0 0 6px}
a{color:inherit}:focus-visible{outline:3px solid #4c8df6;outline-offset:2px}
@media (max-width:640px){main{padding:10px}header{padding:10px 12px}td,th{padding:4px 3px}.wide{display:none}.bars{min-width:60px}#board .bars.runs i:nth-child(-n+40){display:none}}
)";

}  // namespace

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

std::string page_head(std::string_view title, int refresh_seconds) {
  return fmt::format(
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<meta name=\"color-scheme\" content=\"light dark\"><title>{}</title>{}"
      "<style>{}</style></head><body>",
      escape_html(title),
      refresh_seconds > 0
          ? fmt::format("<noscript><meta http-equiv=\"refresh\" content=\"{}\"></noscript>",
                        refresh_seconds)
          : std::string(),
      kStyle);
}

std::string time_html(domain::Timestamp at) {
  const std::string text = domain::format_timestamp(at);
  return fmt::format("<time datetime=\"{0}\">{1}</time>", text, text.substr(0, 19) + "Z");
}

bool shows_service(const PageContext& page, std::string_view service) {
  return page.services.empty() ||
         std::find(page.services.begin(), page.services.end(), service) != page.services.end();
}

std::string page_link(const PageContext& page, std::string_view path) {
  std::string link(path);
  if (page.at) {
    link += path.find('?') == std::string_view::npos ? "?at=" : "&at=";
    link += domain::format_timestamp(*page.at);
  }
  return link;
}

std::string time_travel_bar(const PageContext& page, std::string_view path,
                            std::string_view steps_html) {
  std::string out;
  if (page.at) {
    out += fmt::format(
        "<p class=\"past\" id=\"past\">The past: this page shows the state at <time "
        "datetime=\"{0}\">{0}</time>, as the log recorded it. <a href=\"{1}\">Back to now</a></p>",
        domain::format_timestamp(*page.at), escape_html(path));
  }
  out += fmt::format(
      "<form class=\"travel\" method=\"get\" action=\"{}\"><label for=\"at\">Show the state "
      "at</label><input id=\"at\" name=\"at\" value=\"{}\" placeholder=\"-2h or "
      "2026-12-01T09:30:00Z\"><button type=\"submit\">Go</button>{}</form>",
      escape_html(path), page.at ? domain::format_timestamp(*page.at) : std::string(), steps_html);
  return out;
}

std::string page_header(const PageContext& page, std::string_view summary_html) {
  std::string out = "<header><div><h1>" + escape_html(page.title) + "</h1>";
  if (!page.description.empty()) out += "<p>" + escape_html(page.description) + "</p>";
  out += "</div><nav aria-label=\"pages\"><a href=\"" + escape_html(page_link(page, "/")) +
         "\">Overview</a><a href=\"" + escape_html(page_link(page, "/incidents")) +
         "\">Incidents</a></nav>";
  out += "<div><span class=\"summary\">" + std::string(summary_html) + "</span>";
  if (page.signed_in) {
    out +=
        " <form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"" +
        escape_html(page.csrf) + "\"><button type=\"submit\">Log out</button></form>";
  }
  return out + "</div></header>";
}

}  // namespace nyxmon::infra::api
