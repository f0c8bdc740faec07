// heartbeat_spec.hpp — a heartbeat (push) check: nothing is probed; the
// monitored job pings nyxmon at least every `period`, with `grace` to spare.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "domain/model/validation_problem.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

// A push token is the only secret guarding /ping/<token>: 16 characters of
// the 64-letter alphabet below are 96 bits, beyond guessing over HTTP.
// `nyxmon token` prints one of 32 characters (192 bits).
inline constexpr std::size_t kMinimumPushTokenLength = 16;
inline constexpr std::string_view kPushTokenAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

struct HeartbeatSpec {
  Duration period = std::chrono::minutes(5);
  Duration grace = std::chrono::minutes(1);
  // The secret in the push URL (/ping/<token>), named in the configuration
  // (`nyxmon token` makes one). Empty: pings only through `nyxmon ping`.
  std::string token;

  bool operator==(const HeartbeatSpec&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(period, grace, token);
  }
};

// What is wrong with `token` as a push token (too short, a character outside
// kPushTokenAlphabet), or nullopt when it will do.
std::optional<std::string> push_token_problem(std::string_view token);

void validate(const HeartbeatSpec& spec, const std::string& path, ValidationProblems& problems);

}  // namespace nyxmon::domain
