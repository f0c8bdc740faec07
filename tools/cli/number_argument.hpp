// number_argument.hpp — whole numbers as command-line options take them:
// decimal digits within a range, or the option is refused by name.
//
// CLI11 on its own reads "-1" into an unsigned option as its largest value
// and clamps "99999999999999999999" to it, so `--seq -1` would quietly mean
// "the head" and `--limit -5` "no limit". Attached to an option with
// ->check(), this validator runs on the text before any conversion, and its
// message becomes "--seq: '-1' is not a sequence number (0 or more)", which
// main prints as a usage error (exit code 1).
#pragma once

#include <cstdint>
#include <limits>
#include <string>

namespace CLI {
class Validator;
}

namespace nyxmon::tools {

inline constexpr std::uint64_t kNoUpperBound = std::numeric_limits<std::uint64_t>::max();

// Accepts exactly the decimal spellings of `low`..`high`; `what` names the
// value in the refusal ("a sequence number", "a count").
CLI::Validator whole_number(std::string what, std::uint64_t low,
                            std::uint64_t high = kNoUpperBound);

// "a count (1 or more)", "an exit code (0-255)".
std::string describe_whole_number(const std::string& what, std::uint64_t low, std::uint64_t high);

}  // namespace nyxmon::tools
