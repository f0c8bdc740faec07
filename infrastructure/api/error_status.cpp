#include "infrastructure/api/error_status.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "domain/model/utf8_text.hpp"

namespace nyxmon::infra::api {

int http_status_for(domain::ErrorCode code) {
  using domain::ErrorCode;
  switch (code) {
    case ErrorCode::kInvalidArgument:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kUnavailable:
      return 503;
    case ErrorCode::kIo:
      return 503;
    case ErrorCode::kCorruption:
      return 500;
    case ErrorCode::kUnsupported:
      return 500;
    case ErrorCode::kInternal:
      return 500;
  }
  return 500;
}

HttpResponse error_response(const domain::Error& error) {
  boost::json::object body{{"error", domain::valid_utf8(error.message)},
                           {"code", domain::error_code_name(error.code)}};
  if (!error.where.empty()) body["where"] = domain::valid_utf8(error.where);
  HttpResponse response;
  response.status = http_status_for(error.code);
  response.body = boost::json::serialize(body);
  return response;
}

}  // namespace nyxmon::infra::api
