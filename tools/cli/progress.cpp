#include "tools/cli/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace nyxmon::tools {

Progress::Progress(std::string label) : label_(std::move(label)), enabled_(isatty(STDERR_FILENO)) {}

Progress::~Progress() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

void Progress::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  const double percent =
      total == 0 ? 100.0 : 100.0 * static_cast<double>(done) / static_cast<double>(total);
  std::fprintf(stderr, "\r\033[K%s %llu / %llu (%.0f%%)", label_.c_str(),
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
               percent);
}

}  // namespace nyxmon::tools
