#include "infrastructure/probes/http_authorization.hpp"

#include <openssl/evp.h>

#include "infrastructure/system/secret_reader.hpp"

namespace nyxmon::infra::probes {

namespace {

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(bytes.data()),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

}  // namespace

std::expected<std::optional<Authorization>, std::string> authorization_for(
    const domain::HttpCredentials& credentials) {
  using Scheme = domain::HttpCredentials::Scheme;
  if (credentials.scheme == Scheme::kNone || !credentials.secret) return std::nullopt;
  auto secret = system::read_secret(*credentials.secret);
  if (!secret) return std::unexpected("secret: " + secret.error());
  Authorization authorization;
  authorization.secret = *secret;
  authorization.header = {"Authorization",
                          credentials.scheme == Scheme::kBasic
                              ? "Basic " + base64(credentials.username + ":" + *secret)
                              : "Bearer " + *secret};
  return authorization;
}

}  // namespace nyxmon::infra::probes
