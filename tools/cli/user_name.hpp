// user_name.hpp — who is at the terminal, for the record of what they do
// (an acknowledgement, a maintenance window): $USER, else the login name,
// else "cli".
#pragma once

#include <string>

namespace nyxmon::tools {

std::string user_name();

}  // namespace nyxmon::tools
