// validation_problem.hpp — one thing wrong with a specification, located by
// its field path ("checks[3].http.expect.status") and explained for the
// person who wrote it. Validation returns every problem, not the first.
#pragma once

#include <string>
#include <vector>

namespace nyxmon::domain {

struct ValidationProblem {
  std::string path;
  std::string message;

  bool operator==(const ValidationProblem&) const = default;
};

using ValidationProblems = std::vector<ValidationProblem>;

}  // namespace nyxmon::domain
