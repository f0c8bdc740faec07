// temp_dir.hpp — a directory that exists for the life of a test.
//
// Created fresh under the system temporary directory; removed with everything
// in it on destruction.
#pragma once

#include <filesystem>

namespace nyxmon::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // A path inside the directory; nothing is created.
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace nyxmon::testing
