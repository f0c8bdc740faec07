// http_authorization.hpp — the Authorization header of an http check with
// credentials: "Basic base64(user:password)" or "Bearer token", the secret
// read now (system/secret_reader.hpp).
#pragma once

#include <expected>
#include <optional>
#include <string>
#include <utility>

#include "domain/model/http_credentials.hpp"

namespace nyxmon::infra::probes {

struct Authorization {
  std::pair<std::string, std::string> header;  // {"Authorization", "..."}
  std::string secret;                          // as read: what reasons must never quote
};

// nullopt when the check sends no authorization; an error (why the secret
// cannot be had) when it should and cannot.
std::expected<std::optional<Authorization>, std::string> authorization_for(
    const domain::HttpCredentials& credentials);

}  // namespace nyxmon::infra::probes
