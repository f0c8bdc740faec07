// api_token.hpp — the bearer token that guards the API's writes (and its
// reads unless they are public): the one set in the configuration, or else
// the one in <data>/api-token, generated on first start (32 random bytes as
// hex, file mode 0600).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace nyxmon::infra::api {

domain::Result<std::string> load_or_create_api_token(const std::filesystem::path& data_directory,
                                                     const std::string& configured);

// `bytes` random bytes from OpenSSL as hex (an API token: 32), or nullopt
// when OpenSSL has no randomness to give.
std::optional<std::string> random_hex(std::size_t bytes);

// The token of an "Authorization: Bearer <token>" header (the scheme in
// any case); empty when the header is not one.
std::string bearer_of(std::string_view authorization);

// Compares in time independent of where the strings differ.
bool tokens_equal(std::string_view presented, std::string_view expected);

}  // namespace nyxmon::infra::api
