// field_checks.hpp — the small checks specifications share (a port, a host,
// a positive duration, a number in its range), each adding a
// ValidationProblem when it fails.
#pragma once

#include <optional>
#include <string>

#include "domain/model/duration_text.hpp"
#include "domain/model/number_range.hpp"
#include "domain/model/validation_problem.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

inline constexpr NumberRange kPortRange{1, 65535, "a port"};
// Days of certificate validity left; ten years covers every public certificate.
inline constexpr NumberRange kCertificateDaysRange{0, 3650};

// "`value` is not <range>" at `path` when `range` does not contain it.
void require_in(std::int64_t value, const NumberRange& range, const std::string& path,
                ValidationProblems& problems);
void require_port(int port, const std::string& path, ValidationProblems& problems);
void require_host(const std::string& host, const std::string& path, ValidationProblems& problems);
void require_positive(Duration duration, const std::string& path, ValidationProblems& problems);
void require_positive(const std::optional<Duration>& duration, const std::string& path,
                      ValidationProblems& problems);
void require_certificate_days(int warn_days, int fail_days, const std::string& path,
                              ValidationProblems& problems);

}  // namespace nyxmon::domain
