#include "infrastructure/api/http_message.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include <cctype>

#include "domain/model/utf8_text.hpp"

namespace nyxmon::infra::api {

HttpResponse json_error(int status, std::string_view message) {
  HttpResponse response;
  response.status = status;
  response.body =
      boost::json::serialize(boost::json::object{{"error", domain::valid_utf8(message)}});
  return response;
}

namespace {

// RFC 3986 lets a query hold unreserved characters, sub-delimiters, ':',
// '@', '/', '?' and percent-escapes. Clients send others raw ('|', '[',
// '{', '^', bytes above 127: browsers escape only a few); they are
// escaped here, so that only a broken escape ("%zz") makes a query string
// invalid.
bool allowed_in_query(unsigned char c) {
  if (std::isalnum(c)) return true;
  constexpr std::string_view kOthers = "-._~!$&'()*+,;=:@/?%";
  return c < 128 && kOthers.find(static_cast<char>(c)) != std::string_view::npos;
}

std::string escaped_query(std::string_view query) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(query.size());
  for (const char raw : query) {
    const auto c = static_cast<unsigned char>(raw);
    if (allowed_in_query(c)) {
      out += raw;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string query_problem(std::string_view query) {
  const auto parsed = boost::urls::parse_query(escaped_query(query));
  return parsed ? std::string() : parsed.error().message();
}

std::string query_parameter(std::string_view query, std::string_view name) {
  const std::string escaped = escaped_query(query);
  if (!boost::urls::parse_query(escaped)) return {};
  boost::urls::encoding_opts options;
  options.space_as_plus = true;
  const boost::urls::params_view params(escaped, options);
  const auto found = params.find(name);
  return found == params.end() ? std::string() : std::string((*found).value);
}

std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto end = std::min(header.find(';'), header.size());
    std::string_view pair = header.substr(0, end);
    header.remove_prefix(std::min(end + 1, header.size()));
    while (pair.starts_with(' '))
      pair.remove_prefix(1);
    const auto equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name)
      return std::string(pair.substr(equals + 1));
  }
  return {};
}

}  // namespace nyxmon::infra::api
