#include "domain/model/dependency.hpp"

#include "domain/model/ids.hpp"

namespace nyxmon::domain {

std::string describe(const Dependency& dependency) {
  return (dependency.kind == Dependency::Kind::kCheck ? "check " : "service ") + dependency.id;
}

std::string to_text(const Dependency& dependency) {
  return (dependency.kind == Dependency::Kind::kCheck ? "check:" : "service:") + dependency.id;
}

std::optional<Dependency> parse_dependency(std::string_view text) {
  if (text.starts_with("check:"))
    return Dependency{Dependency::Kind::kCheck, std::string(text.substr(6))};
  if (text.starts_with("service:"))
    return Dependency{Dependency::Kind::kService, std::string(text.substr(8))};
  return std::nullopt;
}

void validate(const std::vector<Dependency>& parents, const std::string& path,
              ValidationProblems& problems) {
  for (std::size_t i = 0; i < parents.size(); ++i) {
    if (auto problem = id_problem(parents[i].id)) {
      problems.push_back(
          {path + "[" + std::to_string(i) + "]", "'" + parents[i].id + "' " + *problem});
    }
  }
}

}  // namespace nyxmon::domain
