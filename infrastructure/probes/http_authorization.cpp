#include "infrastructure/probes/http_authorization.hpp"

#include "infrastructure/system/base64.hpp"
#include "infrastructure/system/secret_reader.hpp"

namespace nyxmon::infra::probes {

std::expected<std::optional<Authorization>, std::string> authorization_for(
    const domain::HttpCredentials& credentials) {
  using Scheme = domain::HttpCredentials::Scheme;
  if (credentials.scheme == Scheme::kNone || !credentials.secret) return std::nullopt;
  auto secret = system::read_secret(*credentials.secret);
  if (!secret) return std::unexpected("secret: " + secret.error());
  Authorization authorization;
  authorization.secret = *secret;
  authorization.header = {
      "Authorization", credentials.scheme == Scheme::kBasic
                           ? "Basic " + system::base64_encode(credentials.username + ":" + *secret)
                           : "Bearer " + *secret};
  return authorization;
}

}  // namespace nyxmon::infra::probes
