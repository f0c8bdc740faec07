// write_command.hpp — how CLI commands that change something get it done:
// through the running engine's control socket when an engine holds the
// store, else by opening the store and deciding the command here, with the
// same message bus the engine uses.
#pragma once

#include <boost/json/object.hpp>

#include <filesystem>

#include "domain/error.hpp"

namespace nyxmon::tools {

// `request` is a control-socket request (see control_socket.hpp). Returns
// the number of events appended, or the reason it was refused. With
// `engine_only`, refuses (kUnavailable, saying so) when no engine runs.
domain::Result<std::size_t> run_write_command(const std::filesystem::path& data_directory,
                                              const boost::json::object& request,
                                              bool engine_only = false);

}  // namespace nyxmon::tools
