// past_view.hpp — the engine's picture at an instant of its log, for a page
// asked `?at=`: the projections as they stood after the newest event
// recorded at or before that instant (restored from a snapshot and folded,
// as `nyxmon status --at` does), each check's runs before it from the log,
// in an EngineView like the live one. Built per request on the HTTP side;
// the last few are kept, since a visitor steps back and forth.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>

#include "domain/error.hpp"
#include "domain/time.hpp"
#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/eventstore/event_store.hpp"

namespace nyxmon::infra::api {

class PastViews {
 public:
  // `store` must outlive this. Thread-safe.
  explicit PastViews(const eventstore::EventStore& store) : store_(store) {}

  // The view at `instant`; its engine.sequence names the event it stands
  // after (0: before the first).
  domain::Result<std::shared_ptr<const EngineView>> at(domain::Timestamp instant,
                                                       const std::string& version);

 private:
  static constexpr std::size_t kKept = 4;
  // How long a past view may spend reading per-run bars from the log.
  static constexpr std::chrono::milliseconds kRecallBudget{500};
  const eventstore::EventStore& store_;
  std::mutex mutex_;
  // Newest last; keyed by sequence (the instant only sets taken_at).
  struct Kept {
    std::uint64_t sequence;
    domain::Timestamp instant;
    std::shared_ptr<const EngineView> view;
  };
  std::deque<Kept> kept_;
};

}  // namespace nyxmon::infra::api
