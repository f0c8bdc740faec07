#include "infrastructure/api/api_token.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

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
  unsigned char random[32];
  if (RAND_bytes(random, sizeof random) != 1)
    return fail(Error::io("cannot generate an API token: no randomness from OpenSSL"));
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (unsigned char byte : random) {
    token += kHex[byte >> 4];
    token += kHex[byte & 15];
  }
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

}  // namespace nyxmon::infra::api
