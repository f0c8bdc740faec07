#include "infrastructure/api/json_text.hpp"

#include <fmt/format.h>

#include <boost/json/serialize.hpp>

#include <cmath>

#include "domain/model/utf8_text.hpp"

namespace nyxmon::infra::api {

namespace {

void append(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(boost::json::string(domain::valid_utf8(key)));
        out += ':';
        append(out, member);
      }
      out += '}';
      return;
    }
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& element : value.get_array()) {
        if (!first) out += ',';
        first = false;
        append(out, element);
      }
      out += ']';
      return;
    }
    case boost::json::kind::double_: {
      const double number = value.get_double();
      if (!std::isfinite(number))
        out += "null";
      else if (number == std::floor(number) && std::fabs(number) < 1e15)
        fmt::format_to(std::back_inserter(out), "{}", static_cast<long long>(number));
      else
        fmt::format_to(std::back_inserter(out), "{}", number);
      return;
    }
    case boost::json::kind::string:
      // Text from outside (a target's answer, a request path) may be any bytes.
      out += boost::json::serialize(boost::json::string(domain::valid_utf8(value.get_string())));
      return;
    default:
      out += boost::json::serialize(value);
  }
}

}  // namespace

std::string to_json_text(const boost::json::value& value) {
  std::string out;
  append(out, value);
  return out;
}

}  // namespace nyxmon::infra::api
