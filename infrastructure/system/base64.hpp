// base64.hpp — standard base64 (RFC 4648, padded), through OpenSSL: for an
// Authorization header and for the payloads of exported events.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace nyxmon::infra::system {

std::string base64_encode(std::string_view bytes);

// nullopt when `text` is not padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace nyxmon::infra::system
