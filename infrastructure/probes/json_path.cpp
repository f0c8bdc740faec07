#include "infrastructure/probes/json_path.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <vector>

#include "domain/model/bounded_text.hpp"
#include "domain/model/number_text.hpp"

namespace nyxmon::infra::probes {

namespace {

// One step of a path: the key or index as written, and where the path up
// to and including it ends (for messages that name the prefix).
struct PathStep {
  std::string token;
  std::size_t end = 0;
};

std::string unescape_pointer_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

// A JSON Pointer ("/checks/db/state") or the dotted shorthand
// ("checks.db.state"), as its steps.
std::vector<PathStep> path_steps(const std::string& path) {
  std::vector<PathStep> steps;
  const bool pointer = path.starts_with('/');
  const char separator = pointer ? '/' : '.';
  std::size_t start = pointer ? 1 : 0;
  while (true) {
    const std::size_t next = path.find(separator, start);
    const std::size_t end = next == std::string::npos ? path.size() : next;
    const std::string_view raw = std::string_view(path).substr(start, end - start);
    steps.push_back({pointer ? unescape_pointer_token(raw) : std::string(raw), end});
    if (next == std::string::npos) return steps;
    start = next + 1;
  }
}

// The one-token JSON Pointer that names `token`.
std::string pointer_to(std::string_view token) {
  std::string pointer = "/";
  for (char c : token) {
    if (c == '~')
      pointer += "~0";
    else if (c == '/')
      pointer += "~1";
    else
      pointer += c;
  }
  return pointer;
}

}  // namespace

const boost::json::value* find_json(const boost::json::value& root, const std::string& path,
                                    std::string& why) {
  const boost::json::value* at = &root;
  std::size_t walked = 0;  // where the path up to `at` ends
  for (const PathStep& step : path_steps(path)) {
    if (at->is_array() && !domain::parse_number<std::size_t>(step.token)) {
      why = "JSON at '" + path.substr(0, walked) + "' is a list; '" + step.token +
            "' is not an index";
      return nullptr;
    }
    boost::system::error_code missing;
    at = at->find_pointer(pointer_to(step.token), missing);
    if (at == nullptr) {
      why = "JSON has no '" + path.substr(0, step.end) + "'";
      return nullptr;
    }
    walked = step.end;
  }
  return at;
}

std::string json_mismatch(std::string_view document, const std::string& path,
                          const std::string& expected) {
  boost::system::error_code error;
  boost::json::value root = boost::json::parse(document, error);
  if (error) return "body is not JSON (" + error.message() + ")";
  std::string why;
  const boost::json::value* at = find_json(root, path, why);
  if (at == nullptr) return why;
  boost::json::value wanted = boost::json::parse(expected, error);
  if (error) wanted = boost::json::string(expected);
  if (*at == wanted) return "";
  return "JSON " + path + " is " +
         domain::bounded_text(boost::json::serialize(*at), domain::kMaxQuotedBytes) +
         ", expected " + boost::json::serialize(wanted);
}

}  // namespace nyxmon::infra::probes
