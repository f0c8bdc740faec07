// data_directory.hpp — where the store lives when the user does not say:
// --data DIR, else $NYXMON_DATA, else ./nyxmon-data.
#pragma once

#include <filesystem>
#include <string>

namespace nyxmon::tools {

inline constexpr const char* kDefaultDataDirectory = "nyxmon-data";

// `flag` is the value of --data, empty when not given.
std::filesystem::path resolve_data_directory(const std::string& flag);

}  // namespace nyxmon::tools
