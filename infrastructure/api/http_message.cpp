#include "infrastructure/api/http_message.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include "domain/model/utf8_text.hpp"

namespace nyxmon::infra::api {

HttpResponse json_error(int status, std::string_view message) {
  HttpResponse response;
  response.status = status;
  response.body =
      boost::json::serialize(boost::json::object{{"error", domain::valid_utf8(message)}});
  return response;
}

std::string query_problem(std::string_view query) {
  const auto parsed = boost::urls::parse_query(query);
  return parsed ? std::string() : parsed.error().message();
}

std::string query_parameter(std::string_view query, std::string_view name) {
  if (!boost::urls::parse_query(query)) return {};
  boost::urls::encoding_opts options;
  options.space_as_plus = true;
  const boost::urls::params_view params(query, options);
  const auto found = params.find(name);
  return found == params.end() ? std::string() : std::string((*found).value);
}

}  // namespace nyxmon::infra::api
