// control_request.hpp — a control-socket request (one JSON line, see
// control_socket.hpp) as work for the core: a command, or commands to be
// computed from the state when the core gets to it (apply).
#pragma once

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "domain/bus/message_bus.hpp"
#include "domain/commands/command.hpp"
#include "domain/error.hpp"
#include "projections/projections.hpp"

namespace nyxmon::infra::runtime {

// Commands computed on the core thread from the state at dispatch time
// (e.g. reconciling a configuration).
using CommandExpander =
    std::function<std::vector<domain::Command>(const projections::Projections&)>;

struct ControlWork {
  std::variant<domain::Command, CommandExpander> work;

  std::vector<domain::Command> expand(const projections::Projections& state) const;
};

// How the API and the control socket hand work to the core (thread-safe);
// the reply comes back with the outcome of all its commands.
using SubmitWork =
    std::function<void(ControlWork, std::function<void(const domain::CommandOutcome&)>)>;

// Fails with kInvalidArgument and a message for the client on a request that
// is not JSON, names an unknown command, or carries a configuration with
// problems (every problem, located).
domain::Result<ControlWork> parse_control_request(const std::string& line);

}  // namespace nyxmon::infra::runtime
