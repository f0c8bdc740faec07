#include "tools/cli/number_argument.hpp"

#include <CLI/CLI.hpp>

#include "domain/model/number_text.hpp"

namespace nyxmon::tools {

std::string describe_whole_number(const std::string& what, std::uint64_t low, std::uint64_t high) {
  const std::string bounds = high == kNoUpperBound
                                 ? std::to_string(low) + " or more"
                                 : std::to_string(low) + "-" + std::to_string(high);
  return what + " (" + bounds + ")";
}

CLI::Validator whole_number(std::string what, std::uint64_t low, std::uint64_t high) {
  return CLI::Validator(
      [what, low, high](std::string& text) -> std::string {
        const auto value = domain::parse_number<std::uint64_t>(text);
        if (value && *value >= low && *value <= high) return {};
        return "'" + text + "' is not " + describe_whole_number(what, low, high);
      },
      "");
}

}  // namespace nyxmon::tools
