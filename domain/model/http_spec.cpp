#include "domain/model/http_spec.hpp"

#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

namespace {

// RFC 6901: every '~' in a pointer starts "~0" or "~1".
bool valid_json_pointer(std::string_view pointer) {
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    if (pointer[i] != '~') continue;
    if (i + 1 == pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) return false;
    ++i;
  }
  return true;
}

}  // namespace

void validate(const HttpSpec& spec, const std::string& path, ValidationProblems& problems) {
  const bool http = spec.url.starts_with("http://");
  const bool https = spec.url.starts_with("https://");
  if (!http && !https) {
    problems.push_back(
        {path + ".url", spec.url.empty() ? "is missing; give an http:// or https:// URL"
                                         : "'" + spec.url + "' is not an http:// or https:// URL"});
  } else {
    const std::string rest = spec.url.substr(http ? 7 : 8);
    if (rest.empty() || rest.front() == '/' || rest.front() == ':') {
      problems.push_back({path + ".url", "'" + spec.url + "' has no host"});
    }
  }
  static constexpr std::string_view kMethods[] = {"GET",   "HEAD",   "POST",   "PUT",
                                                  "PATCH", "DELETE", "OPTIONS"};
  bool known_method = false;
  for (auto method : kMethods)
    known_method |= spec.method == method;
  if (!known_method) {
    problems.push_back({path + ".method", "'" + spec.method +
                                              "' is not a method nyxmon sends (GET, HEAD, POST, "
                                              "PUT, PATCH, DELETE, OPTIONS)"});
  }
  require_in(spec.max_redirects, kMaxRedirectsRange, path + ".max_redirects", problems);
  if (spec.max_body_bytes > static_cast<std::uint64_t>(kMaxBodyBytesRange.high) ||
      !kMaxBodyBytesRange.contains(static_cast<std::int64_t>(spec.max_body_bytes))) {
    problems.push_back({path + ".max_body_bytes", std::to_string(spec.max_body_bytes) + " is not " +
                                                      kMaxBodyBytesRange.describe()});
  }
  for (std::size_t i = 0; i < spec.headers.size(); ++i) {
    if (spec.headers[i].first.empty() ||
        spec.headers[i].first.find_first_of(" :\r\n") != std::string::npos) {
      problems.push_back({path + ".headers[" + std::to_string(i) + "]",
                          "'" + spec.headers[i].first + "' is not a header name"});
    }
  }
  const std::string expect = path + ".expect";
  if (spec.expect.status.empty()) {
    problems.push_back({expect + ".status", "is empty; list the acceptable codes or ranges"});
  }
  for (const auto& range : spec.expect.status) {
    for (int code : {range.low, range.high}) {
      if (code < 100 || code > 599) {
        problems.push_back(
            {expect + ".status", std::to_string(code) + " is not an HTTP status (100-599)"});
      }
    }
    if (range.low > range.high) {
      problems.push_back(
          {expect + ".status",
           std::to_string(range.low) + "-" + std::to_string(range.high) + " is an empty range"});
    }
  }
  if (spec.expect.json_path.starts_with('/') && !valid_json_pointer(spec.expect.json_path)) {
    problems.push_back({expect + ".json_path",
                        "is not a JSON Pointer: '~' must be followed by 0 ('~') or 1 ('/')"});
  }
  if (!spec.expect.json_equals.empty() && spec.expect.json_path.empty()) {
    problems.push_back({expect + ".json_equals", "needs json_path to say where to look"});
  }
  require_positive(spec.expect.latency_warn, expect + ".latency_warn", problems);
  require_positive(spec.expect.latency_fail, expect + ".latency_fail", problems);
  if (spec.expect.latency_warn && spec.expect.latency_fail &&
      *spec.expect.latency_warn > *spec.expect.latency_fail) {
    problems.push_back({expect + ".latency_warn", describe(*spec.expect.latency_warn) +
                                                      " is above latency_fail " +
                                                      describe(*spec.expect.latency_fail)});
  }
  if (spec.expect.location && spec.follow_redirects) {
    problems.push_back(
        {expect + ".location", "asserting a redirect needs follow_redirects: false"});
  }
  require_certificate_days(spec.expect.certificate_warn_days, spec.expect.certificate_fail_days,
                           expect, problems);
}

}  // namespace nyxmon::domain
