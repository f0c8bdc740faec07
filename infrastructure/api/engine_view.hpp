// engine_view.hpp — what the HTTP side may read of a running engine: an
// immutable picture of the services, checks and engine figures, taken by the
// core thread and published for the API, the status page and /metrics.
//
// The core owns the live state and never shares it; it builds a new view
// when the state has changed and a reader has asked since (at most every
// quarter second, or at once after a write), so that readers never wait on
// the core and heavy reading costs the core only the copies.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/model/probe_result.hpp"
#include "domain/state/check_record.hpp"
#include "domain/state/maintenance_record.hpp"
#include "domain/state/silence_record.hpp"
#include "domain/status.hpp"
#include "domain/time.hpp"
#include "infrastructure/api/recent_runs.hpp"
#include "projections/check_statistics.hpp"
#include "projections/incidents.hpp"
#include "projections/notification_outbox.hpp"

namespace nyxmon::infra::api {

// Counts per bucket: counts[i] holds observations ≤ bounds[i] and above the
// bound before; the last count is for everything above the last bound.
struct Histogram {
  std::vector<double> bounds;
  std::vector<std::uint64_t> counts;  // bounds.size() + 1
  double sum = 0;
  std::uint64_t count = 0;

  explicit Histogram(std::vector<double> upper_bounds = {});
  void observe(double value);
};

// One bar of an uptime strip: the results of one hour or one day.
struct UptimeBar {
  domain::Timestamp start{};
  std::uint32_t results = 0;
  std::uint32_t good = 0;  // ok or warn
};

struct CheckView {
  // The check as this view saw it: shared with the projection, which copies
  // a record before changing one that a view still holds.
  std::shared_ptr<const domain::CheckRecord> record;
  std::string_view kind;  // "http", "tcp", ... (static text)
  // This engine run's newest result, with phases (shared with LiveFigures).
  std::shared_ptr<const domain::ProbeResult> last_full;
  std::array<std::uint64_t, 4> outcomes{};  // results by outcome since the engine started
  // This engine run's last kRecentRuns runs, oldest first (shared with
  // LiveFigures, which copies them before adding a run); null before the first.
  std::shared_ptr<const RecentRuns> recent_runs;
  // Uptime and latency buckets, shared with the projection (copy on write);
  // null before the first result.
  std::shared_ptr<const projections::CheckStatistics::Rings> rings;
  std::vector<projections::Incident> incidents;  // open first, then recent, newest first
  std::optional<domain::Timestamp> next_due;

  const domain::CheckSpec& spec() const { return *record->spec; }
  const domain::CheckState& state() const { return record->state; }
  domain::Timestamp since() const { return record->status_since; }
  const std::string& status_reason() const { return record->status_reason; }
  const std::optional<domain::Acknowledgement>& acknowledgement() const {
    return record->acknowledgement;
  }
  // From the log: survives restarts.
  const std::optional<domain::LastResult>& last() const { return record->last_result; }

  // Read from the rings, for the 24 hours / 30 days ending at `now`; bars
  // oldest first, the last one the current hour (day, UTC).
  std::array<UptimeBar, 24> hourly_bars(domain::Timestamp now) const;
  std::array<UptimeBar, 30> daily_bars(domain::Timestamp now) const;
  std::array<UptimeBar, 90> ninety_day_bars(domain::Timestamp now) const;
  projections::WindowStats window(projections::StatsWindow window, domain::Timestamp now) const;
};

struct ServiceView {
  domain::ServiceSpec spec;
  domain::Status status = domain::Status::kPending;
  domain::Timestamp since{};
  std::vector<std::size_t> checks;  // indexes into EngineView::checks
};

// The store as the engine sees it: whether it takes writes now, and if not
// why; results held in memory meanwhile; events lost once and recorded by
// nyxmon repair.
struct StoreHealth {
  bool recording = true;
  std::string problem;
  std::size_t results_held = 0;
  std::uint64_t events_lost = 0;
};

struct EngineFigures {
  std::string version;
  domain::Timestamp started_at{};
  std::uint64_t sequence = 0;  // the newest event applied
  std::uint64_t events_appended = 0;
  std::uint64_t batches = 0;
  std::size_t probes_in_flight = 0;
  std::size_t max_in_flight = 0;
  std::size_t notifications_pending = 0;
  // Failed delivery attempts and abandoned deliveries, per notifier, over the log.
  std::map<domain::NotifierId, projections::DeliveryFailures> delivery_failures;
  Histogram batch_sizes;     // events per appended batch
  Histogram scheduling_lag;  // seconds, of every result recorded
  StoreHealth store;
};

struct EngineView {
  domain::Timestamp taken_at{};
  std::vector<ServiceView> services;  // in id order
  // In id order. Unchanged checks share their CheckView with older views.
  std::vector<std::shared_ptr<const CheckView>> checks;
  // Which check is where; shared between views until definitions change.
  struct Catalog {
    std::map<std::string, std::size_t, std::less<>> check_index;       // id → index
    std::map<std::string, std::string, std::less<>> heartbeat_tokens;  // token → check id
  };
  std::shared_ptr<const Catalog> catalog = std::make_shared<const Catalog>();
  EngineFigures engine;
  // The maintenance windows defined now (not removed), in id order.
  std::vector<domain::MaintenanceRecord> maintenance;
  // The silences not over (active or to come), in id order.
  std::vector<domain::SilenceRecord> silences;

  const CheckView* find_check(std::string_view id) const;
};

// Where the core leaves the newest view and readers take it. Thread-safe.
class ViewPublisher {
 public:
  // A view older than this is refreshed before a reader gets it.
  static constexpr std::chrono::milliseconds kMaxAge{250};
  // Unread, a view is still renewed this often while the state changes, so
  // that it lets go of the records and buckets it shares once superseded.
  static constexpr std::chrono::seconds kRenewUnread{2};

  // Core, before readers come: how to wake the core when a view is wanted.
  void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }

  // Readers: the newest view (never null once the engine has started). When
  // it is older than kMaxAge, wakes the core and waits up to 200 ms for a
  // fresh one; a busy core publishes at least every kMaxAge while read.
  std::shared_ptr<const EngineView> current();
  // Readers after a write: the next view the core publishes will reflect it.
  void want_fresh() { wanted_ = true; }

  // Core: whether a reader has asked since the last publish.
  bool wanted() const { return wanted_.load(std::memory_order_relaxed); }
  // Core: makes `view` the current one. Unless `wait`, gives up (false) when
  // a reader holds the lock at that moment — the readers' thread runs at a
  // low priority and must not hold the core up.
  bool publish(std::shared_ptr<const EngineView> view, bool wait);

 private:
  std::mutex mutex_;
  std::condition_variable published_;
  std::shared_ptr<const EngineView> view_;
  std::chrono::steady_clock::time_point published_at_{};
  std::uint64_t generation_ = 0;
  std::atomic<bool> wanted_ = true;
  std::function<void()> wake_;
};

}  // namespace nyxmon::infra::api
