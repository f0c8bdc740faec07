#include "domain/model/secret_source.hpp"

namespace nyxmon::domain {

std::string describe(const SecretSource& source) {
  return (source.from == SecretSource::From::kEnvironment ? "environment variable " : "file ") +
         source.name;
}

}  // namespace nyxmon::domain
