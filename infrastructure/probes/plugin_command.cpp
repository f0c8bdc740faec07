#include "infrastructure/probes/plugin_command.hpp"

#include <unistd.h>

namespace nyxmon::infra::probes {

namespace {

bool executable(const std::string& path) {
  return ::access(path.c_str(), X_OK) == 0;
}

std::expected<std::string, std::string> find_plugin(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    if (executable(name)) return name;
    return std::unexpected(name + ": not an executable file");
  }
  std::string searched;
  const std::string path = kPluginPath;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find(':', start), path.size());
    const std::string candidate = path.substr(start, end - start) + "/" + name;
    if (executable(candidate)) return candidate;
    start = end + 1;
  }
  for (const auto& directory : kPluginDirectories) {
    if (executable(directory + "/" + name)) return directory + "/" + name;
    searched += (searched.empty() ? "" : ", ") + directory;
  }
  return std::unexpected(name + ": not found in PATH (" + path + ") nor in " + searched +
                         " (Debian: apt install monitoring-plugins)");
}

}  // namespace

std::expected<ProcessRequest, std::string> plugin_process(const domain::ExecSpec& spec,
                                                          std::chrono::nanoseconds timeout) {
  ProcessRequest request;
  request.timeout = timeout;
  if (!spec.working_directory.empty()) request.working_directory = spec.working_directory;
  request.environment = {std::string("PATH=") + kPluginPath, "LC_ALL=C"};
  for (const auto& [name, value] : spec.environment) {
    const std::string prefix = name + "=";
    std::erase_if(request.environment,
                  [&](const std::string& entry) { return entry.starts_with(prefix); });
    request.environment.push_back(prefix + value);
  }
  if (spec.command.empty()) return std::unexpected(std::string("no command to run"));
  if (spec.shell) {
    request.argv = {"/bin/sh", "-c", spec.command.front()};
    return request;
  }
  auto plugin = find_plugin(spec.command.front());
  if (!plugin) return std::unexpected(plugin.error());
  request.argv = spec.command;
  request.argv.front() = *plugin;
  return request;
}

}  // namespace nyxmon::infra::probes
