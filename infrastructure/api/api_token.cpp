#include "infrastructure/api/api_token.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace nyxmon::infra::api {

using domain::Error;
using domain::fail;

namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.pop_back();
  return text;
}

}  // namespace

domain::Result<std::string> load_or_create_api_token(const std::filesystem::path& data_directory,
                                                     const std::string& configured) {
  if (!configured.empty()) return configured;
  const auto path = data_directory / "api-token";
  if (std::ifstream in(path); in) {
    std::string token;
    std::getline(in, token);
    token = trimmed(token);
    if (token.size() < 16) {
      return fail(Error::invalid_argument(path.string() +
                                          ": holds no usable token (at least 16 characters); "
                                          "delete it to have a new one generated"));
    }
    return token;
  }
  auto generated = random_hex(32);
  if (!generated)
    return fail(Error::io("cannot generate an API token: no randomness from OpenSSL"));
  const std::string token = std::move(*generated);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    return fail(Error::io("cannot create " + path.string() + ": " + std::strerror(errno)));
  const std::string line = token + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written)
    return fail(Error::io("cannot write " + path.string() + ": " + std::strerror(errno)));
  return token;
}

bool tokens_equal(std::string_view presented, std::string_view expected) {
  if (presented.size() != expected.size()) return false;
  return CRYPTO_memcmp(presented.data(), expected.data(), expected.size()) == 0;
}

std::optional<std::string> random_hex(std::size_t bytes) {
  std::vector<unsigned char> random(bytes);
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) return std::nullopt;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(bytes * 2);
  for (unsigned char byte : random) {
    text += kHex[byte >> 4];
    text += kHex[byte & 15];
  }
  return text;
}

std::string bearer_of(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return {};
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) return {};
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ')
    token.remove_prefix(1);
  return std::string(token);
}

}  // namespace nyxmon::infra::api
