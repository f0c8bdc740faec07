// recent_runs.hpp — a check's last kRecentRuns runs as the per-run bars show
// them: when each started, how long it took, its outcome and, for a run that
// was not ok, its reason. 16 bytes a run; the runs of a failing stretch
// share one text.
//
// A value: not thread-safe; a copy that no one changes may be read anywhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model/probe_result.hpp"
#include "domain/time.hpp"

namespace nyxmon::infra::api {

// How many runs the per-run bars show.
inline constexpr std::size_t kRecentRuns = 60;

class RecentRuns {
 public:
  struct Run {
    domain::Timestamp started_at{};
    domain::Duration duration{0};  // to the microsecond, at most ~71 minutes
    domain::Outcome outcome = domain::Outcome::kOk;
    std::string_view reason;  // empty when ok; valid while the list is unchanged
  };

  // Adds the newest run; past kRecentRuns, the oldest goes.
  void add(const domain::ProbeResult& result);

  std::size_t size() const { return marks_.size(); }
  bool empty() const { return marks_.empty(); }
  // The i-th run, oldest first (i < size()).
  Run operator[](std::size_t i) const;
  Run front() const { return (*this)[0]; }
  Run back() const { return (*this)[size() - 1]; }

 private:
  struct Mark {
    std::int64_t started_at_ns = 0;
    std::uint32_t duration_us = 0;
    domain::Outcome outcome = domain::Outcome::kOk;
    std::uint8_t reason = 0;  // 1 + its index in reasons_; 0: none
  };
  static_assert(sizeof(Mark) == 16);

  // The reason number for `text` on the run being added: `previous` (the
  // run before's) when it says the same, else a new one (dropping texts no
  // run names when the table is full).
  std::uint8_t reason_for(std::string_view text, std::uint8_t previous);
  void drop_unnamed_reasons();

  std::vector<Mark> marks_;  // oldest at oldest_ once full (a ring)
  std::size_t oldest_ = 0;
  std::vector<std::string> reasons_;
};

}  // namespace nyxmon::infra::api
