#include "domain/model/field_checks.hpp"

namespace nyxmon::domain {

void require_in(std::int64_t value, const NumberRange& range, const std::string& path,
                ValidationProblems& problems) {
  if (!range.contains(value)) {
    problems.push_back({path, std::to_string(value) + " is not " + range.describe()});
  }
}

void require_port(int port, const std::string& path, ValidationProblems& problems) {
  require_in(port, kPortRange, path, problems);
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
  require_in(fail_days, kCertificateDaysRange, path + ".certificate_fail_days", problems);
  require_in(warn_days, kCertificateDaysRange, path + ".certificate_warn_days", problems);
  // Only between two days in range: one problem per mistake.
  if (warn_days < fail_days && kCertificateDaysRange.contains(std::int64_t{warn_days}) &&
      kCertificateDaysRange.contains(std::int64_t{fail_days})) {
    problems.push_back({path + ".certificate_warn_days",
                        std::to_string(warn_days) + " is below certificate_fail_days " +
                            std::to_string(fail_days) + "; warnings would never come first"});
  }
}

}  // namespace nyxmon::domain
