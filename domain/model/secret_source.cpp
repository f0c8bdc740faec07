#include "domain/model/secret_source.hpp"

namespace nyxmon::domain {

std::string describe(const SecretSource& source) {
  return (source.from == SecretSource::From::kEnvironment ? "environment variable " : "file ") +
         source.name;
}

void validate(const SecretSource& source, const std::string& path, ValidationProblems& problems) {
  if (source.name.empty()) {
    problems.push_back({path, "names no variable or file"});
  } else if (source.from == SecretSource::From::kFile && !source.name.starts_with('/')) {
    problems.push_back({path + ".file", "'" + source.name + "' is not an absolute path"});
  }
}

}  // namespace nyxmon::domain
