#include "domain/model/exec_spec.hpp"

namespace nyxmon::domain {

void validate(const ExecSpec& spec, const std::string& path, ValidationProblems& problems) {
  if (spec.command.empty() || spec.command.front().empty()) {
    problems.push_back({path + ".command", "is empty; give the plugin and its arguments"});
  } else if (spec.shell && spec.command.size() != 1) {
    problems.push_back({path + ".shell", "takes one command line, not a list"});
  }
  for (const auto& argument : spec.command) {
    if (argument.find('\0') != std::string::npos) {
      problems.push_back({path + ".command", "an argument holds a NUL byte"});
      break;
    }
  }
  for (const auto& [name, value] : spec.environment) {
    if (name.empty() || name.find('=') != std::string::npos ||
        name.find('\0') != std::string::npos || value.find('\0') != std::string::npos) {
      problems.push_back(
          {path + ".environment", "'" + name + "' is not a variable name (no '=', not empty)"});
    }
  }
  if (!spec.working_directory.empty() && spec.working_directory.front() != '/') {
    problems.push_back(
        {path + ".working_directory", "'" + spec.working_directory + "' is not an absolute path"});
  }
}

std::string describe_command(const ExecSpec& spec) {
  std::string line;
  for (const auto& argument : spec.command) {
    if (!line.empty()) line += ' ';
    const bool plain = !argument.empty() && argument.find_first_of(" \t\"'") == std::string::npos;
    line += plain ? argument : "'" + argument + "'";
  }
  return line;
}

}  // namespace nyxmon::domain
