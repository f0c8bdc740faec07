#include "tools/cli/user_name.hpp"

#include <unistd.h>

#include <cstdlib>

namespace nyxmon::tools {

std::string user_name() {
  if (const char* user = std::getenv("USER"); user && *user) return user;
  if (const char* login = getlogin(); login && *login) return login;
  return "cli";
}

}  // namespace nyxmon::tools
