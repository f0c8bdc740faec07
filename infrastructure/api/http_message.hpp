// http_message.hpp — an HTTP request and response as the API's handlers see
// them: plain values, no Beast, so that only http_server.cpp compiles Beast.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nyxmon::infra::api {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // the target up to '?', not decoded
  std::string query;   // after '?', not decoded; empty when none
  std::string authorization;
  std::string cookie;  // the Cookie header
  std::string origin;  // the Origin header; empty when the client sent none
  std::string host;    // the Host header
  std::string body;
  std::string remote;  // "127.0.0.1"
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// Sends the response. Call it once, from any thread; it hops back to the
// connection's own thread.
using Respond = std::function<void(HttpResponse)>;

// Handles one request; may respond later (a long poll, a write the engine
// has yet to decide).
using HttpHandler = std::function<void(HttpRequest, Respond)>;

// A JSON error body: {"error":"<message>"} with `status`.
HttpResponse json_error(int status, std::string_view message);

// Why a query string ("after=3&wait=10") is not one: a broken
// percent-escape ("%zz"); empty when it is. Characters RFC 3986 wants
// escaped but clients send raw ('|', '[', bytes above 127) are taken as
// if escaped.
std::string query_problem(std::string_view query);

// The value of the first `name` in a query string, percent-decoded with '+'
// as a space; empty when absent or when the query string is not valid. A
// form's body (application/x-www-form-urlencoded) reads the same way.
std::string query_parameter(std::string_view query, std::string_view name);

// The value of cookie `name` in a Cookie header ("a=1; b=2"); empty when
// absent.
std::string cookie_value(std::string_view header, std::string_view name);

}  // namespace nyxmon::infra::api
