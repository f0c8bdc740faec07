// http_spec.hpp — what an http/https check requests and what it expects.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/model/number_range.hpp"
#include "domain/model/validation_problem.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

// An inclusive range of acceptable status codes; one code is {code, code}.
struct StatusRange {
  int low = 200;
  int high = 299;
  bool contains(int status) const { return status >= low && status <= high; }
  bool operator==(const StatusRange&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(low, high);
  }
};

struct HeaderExpectation {
  std::string name;      // case-insensitive
  std::string contains;  // the value must contain this (empty: present at all)
  bool operator==(const HeaderExpectation&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(name, contains);
  }
};

struct HttpExpectations {
  std::vector<StatusRange> status = {{200, 299}};  // any range matches
  std::vector<HeaderExpectation> headers;          // all must hold
  std::string body_contains;                       // empty: not checked
  std::string body_regex;                          // RE2 syntax; empty: not checked
  // A JSON Pointer ("/checks/db/state", "/items/0/id") or its dotted
  // shorthand ("checks.db.state"); empty: not checked.
  std::string json_path;
  std::string json_equals;               // the value at json_path, as JSON text or a bare string
  std::optional<Duration> latency_warn;  // total time above this: warn
  std::optional<Duration> latency_fail;  // total time above this: fail
  // With follow_redirects off: the Location the response must carry.
  std::optional<std::string> location;
  int certificate_warn_days = 14;  // https: fewer days left than this: warn
  int certificate_fail_days = 3;   // https: fewer days left than this: fail

  bool operator==(const HttpExpectations&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(status, headers, body_contains, body_regex, json_path, json_equals, latency_warn,
            latency_fail, location, certificate_warn_days, certificate_fail_days);
  }
};

inline constexpr NumberRange kMaxRedirectsRange{0, 50};
inline constexpr NumberRange kMaxBodyBytesRange{1, std::int64_t{256} << 20, "a size in bytes"};

struct HttpSpec {
  std::string url;  // http:// or https://
  std::string method = "GET";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool follow_redirects = true;
  int max_redirects = 5;
  bool tls_verify = true;
  std::string sni;      // empty: the URL's host
  std::string ca_file;  // extra trusted CAs (PEM), empty for none
  std::uint64_t max_body_bytes = std::uint64_t{1} << 20;
  HttpExpectations expect;

  bool operator==(const HttpSpec&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(url, method, headers, body, follow_redirects, max_redirects, tls_verify, sni, ca_file,
            max_body_bytes, expect);
  }
};

void validate(const HttpSpec& spec, const std::string& path, ValidationProblems& problems);

}  // namespace nyxmon::domain
