#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

void require_port(int port, const std::string& path, ValidationProblems& problems) {
  if (port < 1 || port > 65535) {
    problems.push_back({path, std::to_string(port) + " is not a port (1-65535)"});
  }
}

void require_host(const std::string& host, const std::string& path, ValidationProblems& problems) {
  if (host.empty()) {
    problems.push_back({path, "is missing; give a host name or an IP address"});
  } else if (host.find_first_of(" /\t\r\n") != std::string::npos) {
    problems.push_back({path, "'" + host + "' is not a host name or an IP address"});
  }
}

void require_positive(Duration duration, const std::string& path, ValidationProblems& problems) {
  if (duration <= Duration::zero()) {
    problems.push_back({path, "must be longer than 0 (got " + describe(duration) + ")"});
  }
}

void require_positive(const std::optional<Duration>& duration, const std::string& path,
                      ValidationProblems& problems) {
  if (duration) require_positive(*duration, path, problems);
}

void require_certificate_days(int warn_days, int fail_days, const std::string& path,
                              ValidationProblems& problems) {
  if (fail_days < 0) problems.push_back({path + ".certificate_fail_days", "must not be negative"});
  if (warn_days < fail_days) {
    problems.push_back({path + ".certificate_warn_days",
                        std::to_string(warn_days) + " is below certificate_fail_days " +
                            std::to_string(fail_days) + "; warnings would never come first"});
  }
}

}  // namespace nyxmon::domain
