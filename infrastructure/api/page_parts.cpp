#include "infrastructure/api/page_parts.hpp"

#include <fmt/format.h>

namespace nyxmon::infra::api {

namespace {

// Colours through variables so that a dark system gets a dark page; the
// status colours keep white text at a contrast of 4.5:1 or more.
constexpr std::string_view kStyle = R"(
:root{--bg:#f6f7f9;--fg:#1d2330;--card:#fff;--muted:#5b6472;--line:#e3e6ee;--bar-none:#dae1e7;--head:#1d2330;--head-fg:#fff}
@media (prefers-color-scheme:dark){:root{--bg:#11151c;--fg:#e4e8ef;--card:#1a2029;--muted:#a3adbb;--line:#2c3440;--bar-none:#3a4350;--head:#0b0e13;--head-fg:#e4e8ef}}
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
.reason{color:#d7301f;font-size:13px}.ack{color:var(--muted);font-size:13px;font-style:italic}small{color:var(--muted)}.summary{font-size:14px;color:#cfd6e4}
.alarm{background:#c81e1e;color:#fff;border-radius:8px;padding:10px 16px;font-weight:600}
.notice{background:#fff3cd;color:#5c4400;border-radius:8px;padding:10px 16px}
.login{max-width:420px;margin:40px auto}.login label{display:block;font-weight:600;margin:0 0 6px}
.login input{width:100%;box-sizing:border-box;font:inherit;padding:8px;border:1px solid var(--muted);border-radius:6px;background:var(--card);color:var(--fg)}
.login button{margin-top:12px;font:inherit;font-weight:600;padding:8px 18px;border:0;border-radius:6px;background:#1c64b0;color:#fff;cursor:pointer}
.error{color:#d7301f;font-weight:600}
a{color:inherit}:focus-visible{outline:3px solid #4c8df6;outline-offset:2px}
@media (max-width:640px){main{padding:10px}header{padding:10px 12px}td,th{padding:4px 3px}.wide{display:none}}
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

std::string page_header(const PageContext& page, std::string_view summary_html) {
  std::string out = "<header><div><h1>" + escape_html(page.title) + "</h1>";
  if (!page.description.empty()) out += "<p>" + escape_html(page.description) + "</p>";
  out += "</div><div><span class=\"summary\">" + std::string(summary_html) + "</span>";
  if (page.signed_in) {
    out +=
        " <form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"" +
        escape_html(page.csrf) + "\"><button type=\"submit\">Log out</button></form>";
  }
  return out + "</div></header>";
}

}  // namespace nyxmon::infra::api
