#include "domain/model/http_credentials.hpp"

namespace nyxmon::domain {

void validate(const HttpCredentials& credentials, const std::string& path,
              ValidationProblems& problems) {
  using Scheme = HttpCredentials::Scheme;
  const std::string auth = path + ".auth";
  if (credentials.scheme != Scheme::kNone && !credentials.secret) {
    problems.push_back({auth + ".secret",
                        std::string("is missing; ") +
                            (credentials.scheme == Scheme::kBasic ? "basic auth needs the password"
                                                                  : "bearer auth needs the token") +
                            " (secret: { env: NAME } or { file: PATH })"});
  }
  if (credentials.scheme == Scheme::kBasic &&
      (credentials.username.empty() || credentials.username.find(':') != std::string::npos)) {
    problems.push_back({auth + ".username", "is missing or holds ':'; basic auth needs a user"});
  }
  if (credentials.secret) validate(*credentials.secret, auth + ".secret", problems);
  for (auto [file, name] : {std::pair{&credentials.client_certificate, ".client_certificate"},
                            std::pair{&credentials.client_key, ".client_key"}}) {
    if (!file->empty() && !file->starts_with('/'))
      problems.push_back({path + name, "'" + *file + "' is not an absolute path"});
  }
  if (!credentials.client_key.empty() && credentials.client_certificate.empty()) {
    problems.push_back({path + ".client_key", "is given without a client_certificate"});
  }
}

}  // namespace nyxmon::domain
