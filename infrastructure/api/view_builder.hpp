// view_builder.hpp — takes EngineViews of the core's state: services,
// checks with their status, newest results, uptime buckets and incidents,
// and the engine's figures. Lives on the core thread; the views it returns
// are immutable and safe to hand to any thread.
//
// Incremental: a check's CheckView is rebuilt only when an event of its
// stream was appended since the last view; the others, and the catalog of
// which check is where, are shared with it until definitions change.
// Bars and windows are computed by readers from the shared buckets, so the
// core pays per changed check a small view, not the arithmetic. A view
// shares records and buckets with the projections, which copy what a view
// holds before changing it: an old view keeps superseded copies alive.
#pragma once

#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "infrastructure/api/engine_view.hpp"
#include "infrastructure/api/live_figures.hpp"
#include "infrastructure/eventstore/read_view.hpp"
#include "projections/projections.hpp"

namespace nyxmon::infra::api {

struct EngineContext {
  std::string version;
  domain::Timestamp started_at{};
  std::size_t probes_in_flight = 0;
  std::size_t max_in_flight = 0;
  StoreHealth store;
};

class ViewBuilder {
 public:
  // One appended batch, in order.
  void observe(std::span<const domain::Envelope> batch);
  // Reads each check's last runs recorded up to `until_sequence` from the
  // log, for the per-run bars of views built after (an engine that has just
  // started, or a page looking at the past), check by check until `deadline`:
  // the checks not reached by then start with blank bars. Returns how many
  // checks it read.
  domain::Result<std::size_t> recall(const eventstore::ReadView& log, std::uint64_t until_sequence,
                                     const projections::Projections& state,
                                     std::chrono::steady_clock::time_point deadline);
  // Whether events arrived since the last view was built.
  bool has_changes() const { return catalog_changed_ || !changed_.empty(); }

  std::shared_ptr<const EngineView> build(const projections::Projections& state,
                                          const EngineContext& context, domain::Timestamp now);

 private:
  void build_catalog(EngineView& view, const projections::Projections& state);

  LiveFigures figures_;
  std::shared_ptr<const EngineView> last_;
  // Looked up by a view of the stream name: no string made per event.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::unordered_set<std::string, TextHash, std::equal_to<>> changed_;  // check ids with new events
  bool catalog_changed_ = true;
};

}  // namespace nyxmon::infra::api
