// live_figures.hpp — what the engine has seen since it started that the
// projections do not keep: each check's newest full result (phases, status
// code, certificate), its last runs for the per-run bars, results counted
// by outcome, and the engine's own
// figures (batch sizes, scheduling lag). Fed by the core with every batch it
// appends; read when it builds an EngineView.
//
// Not thread-safe: owned by the core thread.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <unordered_map>

#include "domain/events/envelope.hpp"
#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/api/recent_runs.hpp"
#include "projections/copy_on_write.hpp"

namespace nyxmon::infra::api {

class LiveFigures {
 public:
  LiveFigures();

  // One appended batch, in order.
  void observe(std::span<const domain::Envelope> batch);
  // An event recorded before this engine run (or before a past instant a
  // page looks at), oldest first: it gives the per-run bars and the newest
  // full result, not the counts since start.
  void recall(const domain::Envelope& envelope);

  // What views are handed is shared, never changed after: the next run
  // changes a copy (copy_on_write.hpp), so a run between two views costs no
  // allocation and one copy of each is resident while no view is built.
  struct PerCheck {
    std::array<std::uint64_t, 4> outcomes{};
    // The newest result; null before the first.
    std::shared_ptr<const domain::ProbeResult> last() const { return last_.share(); }
    // The last kRecentRuns, oldest first; null before the first.
    std::shared_ptr<const RecentRuns> recent_runs() const { return runs_.share(); }

   private:
    friend class LiveFigures;
    projections::SharedPiece<domain::ProbeResult> last_;
    projections::SharedPiece<RecentRuns> runs_;
  };
  const PerCheck* check(const domain::CheckId& id) const;

  std::uint64_t events() const { return events_; }
  std::uint64_t batches() const { return batches_; }
  const Histogram& batch_sizes() const { return batch_sizes_; }
  const Histogram& scheduling_lag() const { return scheduling_lag_; }

 private:
  PerCheck& add_run(const domain::CheckResultRecorded& recorded);

  std::unordered_map<domain::CheckId, PerCheck> checks_;
  std::uint64_t events_ = 0;
  std::uint64_t batches_ = 0;
  Histogram batch_sizes_;
  Histogram scheduling_lag_;
};

}  // namespace nyxmon::infra::api
