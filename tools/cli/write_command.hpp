// write_command.hpp — how CLI commands that change something get it done:
// through the running engine's control socket when an engine holds the
// store, else by opening the store and deciding the command here, with the
// same message bus the engine uses.
#pragma once

#include <boost/json/object.hpp>

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>

#include "domain/error.hpp"
#include "domain/time.hpp"

namespace nyxmon::tools {

// `request` is a control-socket request (see control_socket.hpp). Returns
// the number of events appended, or the reason it was refused. With
// `engine_only`, refuses (kUnavailable, saying so) when no engine runs.
domain::Result<std::size_t> run_write_command(const std::filesystem::path& data_directory,
                                              const boost::json::object& request,
                                              bool engine_only = false);

// A time typed on the command line for a request field that takes RFC 3339.
struct TimeArgument {
  std::string_view flag;    // "--start"
  const std::string& text;  // as typed; empty: not given
  std::string_view key;     // the request's field
};
// Puts each time given into `request` as RFC 3339 (typed as
// parse_time_argument reads it); on one that is not a time, says so on
// stderr ("nyxmon <command>: --start 'soon' is not a time …") and returns
// false.
bool put_time_arguments(boost::json::object& request, std::string_view command,
                        std::initializer_list<TimeArgument> times, domain::Timestamp now);

// Runs `request` as run_write_command does and tells the person: the
// refusal on stderr ("nyxmon <command>: why"), or `done` on stdout (with
// --json, {"ok":true,"events":N} and the fields of `extra`). Returns the
// exit code.
int write_and_report(const std::filesystem::path& data_directory,
                     const boost::json::object& request, std::string_view command, bool json,
                     const std::string& done, const boost::json::object& extra = {});

}  // namespace nyxmon::tools
