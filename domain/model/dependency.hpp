// dependency.hpp — a parent a check or a service depends on: a check or a
// service whose failure explains the dependant's. While a parent fails, a
// dependant whose status goes bad becomes `unreachable` and pages nobody
// (Icinga's idea); see decisions/dependency_hold.hpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model/validation_problem.hpp"

namespace nyxmon::domain {

struct Dependency {
  enum class Kind : std::uint8_t { kCheck = 0, kService = 1 };
  Kind kind = Kind::kCheck;
  std::string id;

  bool operator==(const Dependency&) const = default;
  auto operator<=>(const Dependency&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(kind, id);
  }
};

// "check gateway", "service network".
std::string describe(const Dependency& dependency);

// "check:gateway", "service:network": as configurations and the API write
// a parent with its kind.
std::string to_text(const Dependency& dependency);

// "check:gateway" or "service:network" as a Dependency; nullopt for text
// without one of those prefixes (a bare id is resolved by the caller, who
// knows which checks and services exist).
std::optional<Dependency> parse_dependency(std::string_view text);

// Every problem of `parents`, at `path`[i].
void validate(const std::vector<Dependency>& parents, const std::string& path,
              ValidationProblems& problems);

}  // namespace nyxmon::domain
