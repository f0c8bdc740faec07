// api_token.hpp — the bearer token that guards the API's writes (and its
// reads unless they are public): the one set in the configuration, or else
// the one in <data>/api-token, generated on first start (32 random bytes as
// hex, file mode 0600).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "domain/error.hpp"

namespace nyxmon::infra::api {

domain::Result<std::string> load_or_create_api_token(const std::filesystem::path& data_directory,
                                                     const std::string& configured);

// Compares in time independent of where the strings differ.
bool tokens_equal(std::string_view presented, std::string_view expected);

}  // namespace nyxmon::infra::api
