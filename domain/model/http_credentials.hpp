// http_credentials.hpp — who an http check says it is: basic or bearer
// authorization, its password or token read from a SecretSource at each
// run (never recorded), and a client certificate for mutual TLS.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/model/secret_source.hpp"
#include "domain/model/validation_problem.hpp"

namespace nyxmon::domain {

struct HttpCredentials {
  enum class Scheme : std::uint8_t { kNone = 0, kBasic = 1, kBearer = 2 };
  Scheme scheme = Scheme::kNone;
  std::string username;                // basic
  std::optional<SecretSource> secret;  // basic: the password; bearer: the token
  std::string client_certificate;      // PEM, an absolute path; empty: none
  std::string client_key;              // PEM, an absolute path; empty: in the certificate's file

  bool empty() const { return scheme == Scheme::kNone && client_certificate.empty(); }
  bool operator==(const HttpCredentials&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(scheme, username, secret, client_certificate, client_key);
  }
};

// Problems at `path` (the http section): .auth.secret, .auth.username,
// .client_certificate, .client_key.
void validate(const HttpCredentials& credentials, const std::string& path,
              ValidationProblems& problems);

}  // namespace nyxmon::domain
