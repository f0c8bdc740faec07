#include "infrastructure/system/secret_reader.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace nyxmon::infra::system {

std::expected<std::string, std::string> read_secret(const domain::SecretSource& source) {
  std::string secret;
  if (source.from == domain::SecretSource::From::kEnvironment) {
    const char* value = std::getenv(source.name.c_str());
    if (value == nullptr) return std::unexpected(describe(source) + " is not set");
    secret = value;
  } else {
    std::ifstream file(source.name);
    if (!file) return std::unexpected(describe(source) + ": " + std::strerror(errno));
    std::getline(file, secret);
  }
  while (!secret.empty() && (secret.back() == '\r' || secret.back() == ' '))
    secret.pop_back();
  if (secret.empty()) return std::unexpected(describe(source) + " is empty");
  return secret;
}

std::string with_secret(std::string text, const std::string& secret) {
  constexpr std::string_view kPlaceholder = "{secret}";
  for (std::size_t at = text.find(kPlaceholder); at != std::string::npos;
       at = text.find(kPlaceholder, at + secret.size())) {
    text.replace(at, kPlaceholder.size(), secret);
  }
  return text;
}

std::string without_secret(std::string text, const std::string& secret) {
  if (secret.empty()) return text;
  for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at))
    text.replace(at, secret.size(), "<secret>");
  return text;
}

}  // namespace nyxmon::infra::system
