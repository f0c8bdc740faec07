#include "domain/model/service_spec.hpp"

namespace nyxmon::domain {

ValidationProblems validate(const ServiceSpec& spec, const std::string& path) {
  ValidationProblems problems;
  if (auto problem = id_problem(spec.id.value)) {
    problems.push_back({path + ".id", "'" + spec.id.value + "' " + *problem});
  }
  return problems;
}

}  // namespace nyxmon::domain
