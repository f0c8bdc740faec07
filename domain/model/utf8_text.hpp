// utf8_text.hpp — text from outside (request paths, what a target answered)
// made safe to pass on as UTF-8: JSON, logs and chat messages require it.
#pragma once

#include <string>
#include <string_view>

namespace nyxmon::domain {

// `text` with every byte that is not part of a well-formed UTF-8 sequence
// (stray continuation bytes, truncated or overlong sequences, surrogates,
// code points above U+10FFFF) replaced by U+FFFD. Valid text comes back as is.
std::string valid_utf8(std::string_view text);

}  // namespace nyxmon::domain
