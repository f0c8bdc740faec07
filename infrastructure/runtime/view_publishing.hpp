// view_publishing.hpp — keeps the view that readers (the API, the status
// page, /metrics) take fresh: it follows every appended batch and, at the
// end of a turn, publishes a new view when a reader wants one (at most
// every 250 ms), when events arrived and nobody has read for a while, or
// before the replies of a turn go out, so that a writer reads its write.
//
// A CorePart: runs on the core thread. views() is what the readers, on
// other threads, are given; it is thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/api/view_builder.hpp"
#include "infrastructure/runtime/core_loop.hpp"
#include "infrastructure/runtime/core_part.hpp"
#include "infrastructure/runtime/system_clock.hpp"

namespace nyxmon::infra::runtime {

class ViewPublishing : public CorePart {
 public:
  // `events_lost`: what the store said at start (nyxmon repair's records).
  ViewPublishing(const CoreLoop& core, std::string version, domain::Timestamp started_at,
                 std::uint64_t events_lost);

  api::ViewPublisher& views() { return views_; }

  // Reads each check's last runs from the log (at start, before any probe
  // runs), so that the per-run bars survive a restart; for at most
  // `budget` (a large engine's last checks start blank). How many it read.
  domain::Result<std::size_t> recall(const eventstore::ReadView& log,
                                     std::chrono::milliseconds budget) {
    return builder_.recall(log, log.head(), core_.projections(),
                           std::chrono::steady_clock::now() + budget);
  }
  // Builds and publishes a view now (at start, before readers come).
  void publish_now() { publish(true); }

  void on_batch(std::span<const domain::Command> commands,
                const domain::BatchResult& batch) override;
  void before_replies(bool replies_waiting) override { publish(replies_waiting); }

 private:
  // Publishes when a reader wants it or it is due; at once, and waiting for
  // readers to see it, when `now`.
  void publish(bool now);

  const CoreLoop& core_;
  std::string version_;
  domain::Timestamp started_at_;
  std::uint64_t events_lost_;
  SystemClock clock_;
  api::ViewPublisher views_;
  api::ViewBuilder builder_;
  std::chrono::steady_clock::time_point published_at_{};
};

}  // namespace nyxmon::infra::runtime
