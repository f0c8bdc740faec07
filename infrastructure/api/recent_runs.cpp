#include "infrastructure/api/recent_runs.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

namespace nyxmon::infra::api {

using namespace nyxmon::domain;

void RecentRuns::add(const ProbeResult& result) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(result.duration).count();
  Mark mark{result.started_at.time_since_epoch().count(),
            static_cast<std::uint32_t>(
                std::clamp<std::int64_t>(micros, 0, std::numeric_limits<std::uint32_t>::max())),
            result.outcome, 0};
  const std::uint8_t previous =
      marks_.empty() ? 0 : marks_[(oldest_ + marks_.size() - 1) % marks_.size()].reason;
  std::size_t slot = marks_.size();
  if (marks_.size() == kRecentRuns) {
    slot = oldest_;
    oldest_ = (oldest_ + 1) % kRecentRuns;
    marks_[slot].reason = 0;  // the oldest run goes, and with it its claim on a text
  }
  if (result.outcome != Outcome::kOk && !result.reason.empty())
    mark.reason = reason_for(result.reason, previous);
  if (slot == marks_.size()) {
    // Grow to exactly kRecentRuns places, not the next power of two.
    if (marks_.size() == marks_.capacity())
      marks_.reserve(std::min(kRecentRuns, std::max<std::size_t>(4, marks_.size() * 2)));
    marks_.push_back(mark);
  } else {
    marks_[slot] = mark;
  }
}

RecentRuns::Run RecentRuns::operator[](std::size_t i) const {
  const Mark& mark = marks_[(oldest_ + i) % marks_.size()];
  return Run{Timestamp(Duration(mark.started_at_ns)), std::chrono::microseconds(mark.duration_us),
             mark.outcome,
             mark.reason ? std::string_view(reasons_[mark.reason - 1]) : std::string_view()};
}

std::uint8_t RecentRuns::reason_for(std::string_view text, std::uint8_t previous) {
  if (previous && reasons_[previous - 1] == text) return previous;
  if (reasons_.size() >= kRecentRuns) drop_unnamed_reasons();
  reasons_.emplace_back(text);
  return static_cast<std::uint8_t>(reasons_.size());
}

void RecentRuns::drop_unnamed_reasons() {
  std::vector<std::uint8_t> renumbered(reasons_.size() + 1, 0);
  std::vector<std::string> kept;
  for (Mark& mark : marks_) {
    if (!mark.reason) continue;
    if (!renumbered[mark.reason]) {
      kept.push_back(std::move(reasons_[mark.reason - 1]));
      renumbered[mark.reason] = static_cast<std::uint8_t>(kept.size());
    }
    mark.reason = renumbered[mark.reason];
  }
  reasons_ = std::move(kept);
}

}  // namespace nyxmon::infra::api
