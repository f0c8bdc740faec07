// error_status.hpp — the HTTP status the API answers for each error code:
// the one table that maps a refusal to a status (docs/api.md lists it).
#pragma once

#include "domain/error.hpp"
#include "infrastructure/api/http_message.hpp"

namespace nyxmon::infra::api {

// invalid 400, not_found 404, conflict 409, unavailable and io 503 (the
// store cannot record now; retrying may help), corruption, unsupported and
// internal 500.
int http_status_for(domain::ErrorCode code);

// {"error":"<message>","code":"<code name>","where":"<where>"} with the
// code's status; "where" only when the error has one.
HttpResponse error_response(const domain::Error& error);

}  // namespace nyxmon::infra::api
