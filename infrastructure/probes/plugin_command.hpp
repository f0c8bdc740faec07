// plugin_command.hpp — how an exec check's spec becomes a process to run:
// argv (or /bin/sh -c LINE with `shell`), the plugin found on disk, and the
// small environment a plugin gets.
#pragma once

#include <expected>
#include <string>
#include <vector>

#include "domain/model/exec_spec.hpp"
#include "infrastructure/probes/process_run.hpp"

namespace nyxmon::infra::probes {

// Where a plugin named without a '/' is looked for after PATH: Debian's
// monitoring-plugins and nagios-plugins directories.
inline const std::vector<std::string> kPluginDirectories = {"/usr/lib/nagios/plugins",
                                                            "/usr/lib/monitoring-plugins"};

// The environment every plugin starts from; a check's own entries are
// added (and win).
inline constexpr const char* kPluginPath = "/usr/local/bin:/usr/bin:/bin";

// The process for `spec`, or why it cannot run ("check_foo: not found in
// PATH (…) nor in /usr/lib/nagios/plugins, /usr/lib/monitoring-plugins").
std::expected<ProcessRequest, std::string> plugin_process(const domain::ExecSpec& spec,
                                                          std::chrono::nanoseconds timeout);

}  // namespace nyxmon::infra::probes
