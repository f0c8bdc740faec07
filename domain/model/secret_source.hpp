// secret_source.hpp — where a secret (a notifier's token, an http check's
// password) is read each time it is needed: the name of an environment
// variable of the engine, or a file (its first line). The secret itself is
// never in a definition, so never in an event, a snapshot or an export.
#pragma once

#include <cstdint>
#include <string>

#include "domain/model/validation_problem.hpp"

namespace nyxmon::domain {

struct SecretSource {
  enum class From : std::uint8_t { kEnvironment = 0, kFile = 1 };
  From from = From::kEnvironment;
  std::string name;  // the variable's name, or the file's absolute path

  bool operator==(const SecretSource&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(from, name);
  }
};

// "environment variable NYXMON_TELEGRAM_TOKEN", "file /etc/nyxmon/pd.key".
std::string describe(const SecretSource& source);

// Problems at `path`: no name, or a file that is not an absolute path
// (at `path`.file).
void validate(const SecretSource& source, const std::string& path, ValidationProblems& problems);

}  // namespace nyxmon::domain
