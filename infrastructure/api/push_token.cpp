#include "infrastructure/api/push_token.hpp"

#include <openssl/rand.h>

#include <array>

#include "domain/model/heartbeat_spec.hpp"

namespace nyxmon::infra::api {

domain::Result<std::string> generate_push_token() {
  // A multiple of 3 bytes: base64 without padding, every character 6 bits.
  std::array<unsigned char, 24> random{};
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    return domain::fail(
        domain::Error::io("cannot generate a push token: no randomness from OpenSSL"));
  }
  std::string token;
  token.reserve(random.size() / 3 * 4);
  for (std::size_t i = 0; i < random.size(); i += 3) {
    const unsigned bits =
        (unsigned{random[i]} << 16) | (unsigned{random[i + 1]} << 8) | random[i + 2];
    for (int shift = 18; shift >= 0; shift -= 6)
      token += domain::kPushTokenAlphabet[(bits >> shift) & 63];
  }
  return token;
}

}  // namespace nyxmon::infra::api
