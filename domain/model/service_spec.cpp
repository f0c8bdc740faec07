#include "domain/model/service_spec.hpp"

namespace nyxmon::domain {

ValidationProblems validate(const ServiceSpec& spec, const std::string& path) {
  ValidationProblems problems;
  if (auto problem = id_problem(spec.id.value)) {
    problems.push_back({path + ".id", "'" + spec.id.value + "' " + *problem});
  }
  validate(spec.depends_on, path + ".depends_on", problems);
  for (const Dependency& parent : spec.depends_on) {
    if (parent.kind == Dependency::Kind::kService && parent.id == spec.id.value)
      problems.push_back({path + ".depends_on", "a service cannot depend on itself"});
  }
  return problems;
}

}  // namespace nyxmon::domain
