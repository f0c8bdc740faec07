// field_checks.hpp — the small checks specifications share (a port, a host,
// a positive duration), each adding a ValidationProblem when it fails.
#pragma once

#include <optional>
#include <string>

#include "domain/model/duration_text.hpp"
#include "domain/model/validation_problem.hpp"
#include "domain/time.hpp"

namespace nyxmon::domain {

void require_port(int port, const std::string& path, ValidationProblems& problems);
void require_host(const std::string& host, const std::string& path, ValidationProblems& problems);
void require_positive(Duration duration, const std::string& path, ValidationProblems& problems);
void require_positive(const std::optional<Duration>& duration, const std::string& path,
                      ValidationProblems& problems);
void require_certificate_days(int warn_days, int fail_days, const std::string& path,
                              ValidationProblems& problems);

}  // namespace nyxmon::domain
