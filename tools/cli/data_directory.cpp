#include "tools/cli/data_directory.hpp"

#include <cstdlib>

namespace nyxmon::tools {

std::filesystem::path resolve_data_directory(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* from_environment = std::getenv("NYXMON_DATA");
      from_environment != nullptr && *from_environment != '\0') {
    return from_environment;
  }
  return kDefaultDataDirectory;
}

}  // namespace nyxmon::tools
