// exec_spec.hpp — an exec check: a command run as a Nagios/Monitoring
// Plugins check. Its exit code is the outcome (0 ok, 1 warn, 2 fail,
// 3 error), its first output line the reason, and its performance data
// ('label'=value[UOM];warn;crit;min;max) the result's measurements.
//
// The command is an argv list run without a shell; `shell` runs one line
// through /bin/sh -c instead. A first word without a '/' is looked up in
// PATH, then in the plugin directories Debian installs to.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/model/validation_problem.hpp"

namespace nyxmon::domain {

struct ExecSpec {
  std::vector<std::string> command;  // argv; with `shell`, one line for /bin/sh -c
  bool shell = false;
  // Added to the plugin's environment, which is otherwise only
  // PATH=/usr/local/bin:/usr/bin:/bin and LC_ALL=C.
  std::vector<std::pair<std::string, std::string>> environment;
  std::string working_directory;  // empty: /

  bool operator==(const ExecSpec&) const = default;
  template <class Archive>
  void serialize(Archive& archive) {
    archive(command, shell, environment, working_directory);
  }
};

void validate(const ExecSpec& spec, const std::string& path, ValidationProblems& problems);

// "check_tcp -H 127.0.0.1 -p 80": the command as one line, for people.
std::string describe_command(const ExecSpec& spec);

}  // namespace nyxmon::domain
